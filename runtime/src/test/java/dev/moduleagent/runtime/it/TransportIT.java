package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent with {@code transport=MQTT_WS}: the SDK's MQTT over WebSockets ({@code wss://host/$iothub/websocket},
 * port 443) against the local hub's WebSocket listener on 127.0.0.32. AMQPS and AMQPS_WS are not tested: the local
 * hub speaks MQTT only.
 */
class TransportIT extends AgentItSupport {

    private static final String ADDRESS = "127.0.0.32";
    private static final int WEBSOCKETS = 443;

    @TempDir
    static Path hubDir;

    @BeforeAll
    static void startHub() throws Exception {
        Assumptions.assumeTrue(canBind(WEBSOCKETS), "binding port 443 needs privileges this user does not have");
        startHub(ADDRESS, hubDir.resolve("hub"), WEBSOCKETS);
    }

    @AfterAll
    static void closeHub() {
        stopHub();
    }

    @Test
    void theAgentWorksOverMqttOverWebSockets() throws Exception {
        AgentHome home = home("websockets");
        home.transport("MQTT_WS");
        deployExample(home, "example-hello");
        start(home);
        long version = hub.patchDesired(DEVICE, "websockets", Desired.patch().component("hello", "name", "Ada").json());
        awaitAcks("websockets", Map.of("hello", List.of("name")), version, 200);
        assertTrue(Conditions.contains(home.log(), "starting as it-gateway/websockets on hub " + ADDRESS + " (MQTT_WS)"),
                "the agent used MQTT_WS");
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(ADDRESS, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
