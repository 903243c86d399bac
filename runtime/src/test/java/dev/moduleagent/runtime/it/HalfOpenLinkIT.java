package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link that dies silently (no FIN, no RST: a dead NAT or cellular path), simulated by a relay on 127.0.0.74:8883
 * in front of the hub (same address, port 18883, so the hub's certificate matches): the agent must notice within
 * about two keep-alives and come back once the path works again.
 */
class HalfOpenLinkIT extends AgentItSupport {

    private static final String ADDRESS = "127.0.0.74";
    private static final int HUB_PORT = 18883;
    private static final int KEEPALIVE_SECONDS = 2;

    @TempDir
    static Path hubDir;
    private static LoopbackProxy proxy;

    @BeforeAll
    static void startHubBehindARelay() throws Exception {
        startHub(ADDRESS, hubDir.resolve("hub"), 0, HUB_PORT);
        proxy = new LoopbackProxy(ADDRESS, 8883, new InetSocketAddress(ADDRESS, HUB_PORT));
    }

    @AfterAll
    static void closeHub() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        stopHub();
    }

    @Test
    void aSilentlyDeadLinkIsNoticedWithinTwoKeepAlivesAndTheAgentComesBack() throws Exception {
        AgentHome home = home("half-open");
        Files.writeString(home.dir().resolve("conf/agent.cfg"), "keepalive.seconds=" + KEEPALIVE_SECONDS + "\n",
                StandardOpenOption.APPEND);
        deployExample(home, "example-hello");
        start(home);
        long first = hub.patchDesired(DEVICE, "half-open", Desired.patch().component("hello", "name", "Ada").json());
        awaitAcks("half-open", Map.of("hello", List.of("name")), first, 200);

        long cutAt = System.nanoTime();
        proxy.cut();
        Conditions.awaitText(home.log(), "hub connection changed from=CONNECTED to=", Duration.ofSeconds(60));
        Duration noticed = Duration.ofNanos(System.nanoTime() - cutAt);
        System.out.println("half-open link noticed after " + noticed.toMillis() + " ms at keep-alive "
                + KEEPALIVE_SECONDS + " s");
        assertTrue(noticed.compareTo(Duration.ofSeconds(3L * KEEPALIVE_SECONDS + 2)) <= 0,
                "noticed only after " + noticed);

        proxy.restore();
        long second = hub.patchDesired(DEVICE, "half-open", Desired.patch().component("hello", "name", "Bo").json());
        awaitAcks("half-open", Map.of("hello", List.of("name")), second, 200);
    }
}
