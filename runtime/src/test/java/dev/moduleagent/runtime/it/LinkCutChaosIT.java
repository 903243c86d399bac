package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: the agent's link to the hub is cut at random points of a stream of desired patches. The hub listens on
 * 127.0.0.63:{@value #HUB_MQTT_PORT}; a {@link LinkProxy} on 127.0.0.63:8883 (where the SDK connects) forwards to it,
 * so the hub's server certificate still names the address the agent connects to. While the link is down, new
 * connections are refused and patches keep coming. {@code -Dchaos.rounds=20}.
 */
class LinkCutChaosIT extends ChaosSupport {

    private static final String ADDRESS = "127.0.0.63";
    private static final int HUB_MQTT_PORT = 18883;

    @TempDir
    static Path hubDir;
    private static LinkProxy proxy;

    @BeforeAll
    static void startHubBehindProxy() throws Exception {
        distribution = Path.of(System.getProperty("moduleagent.dist", "target/module-agent")).toAbsolutePath();
        hub = new TestHub(ADDRESS, hubDir.resolve("hub"), 0, HUB_MQTT_PORT);
        hub.createDevice(DEVICE);
        fixtures = new FixtureBundles(distribution);
        proxy = new LinkProxy(ADDRESS, 8883, new InetSocketAddress(ADDRESS, HUB_MQTT_PORT));
    }

    @AfterAll
    static void closeHub() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        stopHub();
    }

    @Test
    void linkCutsAtRandomPointsOfAStreamLoseNothingAndReapplyNothing() throws Exception {
        ChaosFigures figures = new ChaosFigures("link-cut", SEED);
        AgentHome home = chaosHome("chaos-link");
        startConverged(home, "chaos-link");
        for (int round = 0; round < ROUNDS; round++) {
            int before = 1 + random.nextInt(4);
            push("chaos-link", before);
            awaitRandomPoint(home, before);
            noteAcknowledged(home, "chaos-link");
            int refusedBefore = proxy.refused();
            proxy.cut();
            figures.faults++;
            push("chaos-link", random.nextInt(3)); // desired changes while the agent cannot see them
            int refusals = random.nextInt(3); // stay down until the agent was refused this often (0: back at once)
            Conditions.await("the agent tried to reconnect " + refusals + " times", Duration.ofSeconds(60),
                    () -> proxy.refused() - refusedBefore >= refusals);
            proxy.restore();
            awaitConverged("chaos-link", figures);
        }
        tallyUp(home, figures);
        figures.print();
        System.out.println("CHAOS link-cut connections forwarded=" + proxy.connections() + " refused="
                + proxy.refused());
        assertClean(figures, ROUNDS);
        assertEquals(0, figures.rerunAfterInterruptedApply, "the agent never stopped, so nothing may run twice: "
                + figures.line());
    }
}
