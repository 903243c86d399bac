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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent with the SDK's other transports against the local hub on 127.0.0.32: {@code AMQPS} (AMQP 1.0 over TLS,
 * port 5671), and over WebSockets on port 443 ({@code wss://host/$iothub/websocket}) {@code MQTT_WS} and
 * {@code AMQPS_WS}, each through desired → plug-in → acknowledgement; over AMQPS also across a hub restart.
 */
class TransportIT extends AgentItSupport {

    private static final String ADDRESS = "127.0.0.32";
    private static final int WEBSOCKETS = 443;
    private static boolean webSockets;

    @TempDir
    static Path hubDir;

    @BeforeAll
    static void startHub() throws Exception {
        webSockets = canBind(WEBSOCKETS);
        startHub(ADDRESS, hubDir.resolve("hub"), webSockets ? WEBSOCKETS : 0);
    }

    @AfterAll
    static void closeHub() {
        stopHub();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"AMQPS", "MQTT_WS", "AMQPS_WS"})
    void theAgentAppliesAndAcknowledgesDesiredPropertiesOver(String transport) throws Exception {
        Assumptions.assumeTrue(webSockets || !transport.endsWith("_WS"), "binding port 443 needs privileges this user does not have");
        String module = transport.toLowerCase().replace('_', '-');
        AgentHome home = home(module);
        home.transport(transport);
        deployExample(home, "example-hello");
        start(home);
        long version = hub.patchDesired(DEVICE, module, Desired.patch().component("hello", "name", "Ada").json());
        awaitAcks(module, Map.of("hello", List.of("name")), version, 200);
        assertTrue(Conditions.contains(home.log(), "identity=it-gateway/" + module + " hub=" + ADDRESS + " transport=" + transport + " "),
                "the agent used " + transport);
    }

    @Test
    void theAgentOverAmqpsResynchronisesAfterAHubRestart() throws Exception {
        AgentHome home = home("amqps-restart");
        home.transport("AMQPS");
        deployExample(home, "example-hello");
        start(home);
        long first = hub.patchDesired(DEVICE, "amqps-restart", Desired.patch().component("hello", "name", "Ada").json());
        awaitAcks("amqps-restart", Map.of("hello", List.of("name")), first, 200);

        hub.stop();
        hub.start();
        // made while the agent is still reconnecting: it learns it from the full twin it reads after reconnecting
        long second = hub.patchDesired(DEVICE, "amqps-restart", Desired.patch().component("hello", "name", "Grace").json());
        awaitAcks("amqps-restart", Map.of("hello", List.of("name")), second, 200);
        hub.awaitTwin("the greeting follows the second change", DEVICE, "amqps-restart", CONVERGE,
                twin -> "Hello, Grace!".equals(text(twin, "hello", "greeting")));
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
