package dev.moduleagent.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.agent.internal.hub.ChannelStatus;
import dev.moduleagent.agent.internal.store.StateStore;
import dev.moduleagent.agent.internal.testing.Await;
import dev.moduleagent.agent.internal.testing.FakeHub;
import dev.moduleagent.agent.internal.testing.TestAgents;
import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults from plug-ins and from the hub that must not lose work or hold up a stop. */
class AgentFaultsTest {

    @TempDir
    Path dataDir;
    private final FakeHub hub = new FakeHub();
    private Agent agent;

    @AfterEach
    void stop() {
        hub.releaseCloses();
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void aPlugInThatReportsWithItsInterruptFlagSetCannotBreakTheStore() throws Exception {
        hub.setDesired(Map.of("os", Map.of("__t", "c", "tz", "UTC")), 3);
        agent = start();
        agent.addHandler(new HandlerInfo("os", "os", "1", 1, 0), (section, context) -> {
            Thread.currentThread().interrupt();
            context.report(Map.of("note", "v" + section.version()));
            context.progress("half way");
            return Outcome.done("ok v" + section.version());
        });
        Await.until("v3 acknowledged", () -> ackVersion("os", "tz") == 3);
        hub.patchDesired("os", Map.of("__t", "c", "tz", "CET"));
        Await.until("v4 acknowledged after the interrupted reports", () -> ackVersion("os", "tz") == 4);
        assertEquals("v4", section("os").get("note"));
    }

    @Test
    void aPlugInInterruptedAtItsTimeoutWhileReportingCannotBreakTheStore() throws Exception {
        hub.setDesired(Map.of("os", Map.of("__t", "c", "tz", "UTC")), 3);
        agent = start();
        agent.addHandler(new HandlerInfo("os", "os", "1", 1, 0), new ComponentHandler() {
            @Override
            public Outcome apply(DesiredSection section, ApplyContext context) {
                if (section.version() == 3) {
                    for (int i = 0; !context.isSuperseded(); i++) {
                        context.report(Map.of("counter", i));
                    }
                }
                return Outcome.done("ok v" + section.version());
            }

            @Override
            public Duration timeout() {
                return Duration.ofMillis(300);
            }
        });
        Await.until("v3 timed out", () -> ackCode("os", "tz") == 500);
        hub.patchDesired("os", Map.of("__t", "c", "tz", "CET"));
        Await.until("v4 acknowledged after the interrupted plug-in", () -> ackVersion("os", "tz") == 4);
    }

    @Test
    void aStaleReportedValueOnTheHubIsReportedAgainAfterAReconnect() throws Exception {
        agent = start();
        agent.reported().report("os", Map.of("hostname", "gw-new"));
        Await.until("reported", () -> "gw-new".equals(section("os").get("hostname")));
        hub.overwriteReported(Map.of("os", Map.of("hostname", "gw-old")));

        hub.current().status(ChannelStatus.DISCONNECTED_RETRYING, "NO_NETWORK");
        hub.current().status(ChannelStatus.CONNECTED, "CONNECTION_OK");

        Await.until("the newest value wins again", () -> "gw-new".equals(section("os").get("hostname")));
    }

    @Test
    void aStopEndsWithinFiveSecondsWhenTheHubNeverLetsGoAndSaysInTheTwinThatTheAgentWentOffline()
            throws Exception {
        agent = start();
        Await.until("connected", () -> section("agent").get("connection") instanceof Map<?, ?> c
                && "CONNECTED".equals(c.get("state")));
        hub.hangCloses(true);

        long started = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> agent.close());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        agent = null;

        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "stop took " + took);
        Map<?, ?> connection = (Map<?, ?>) section("agent").get("connection");
        assertEquals("DISCONNECTED", connection.get("state"));
        assertEquals("agent stopped", connection.get("reason"));
        try (StateStore store = StateStore.open(dataDir)) {
            assertEquals(0, store.outboxSize(), "everything was confirmed before the stop");
        }
    }

    private Agent start() throws StartupException {
        return TestAgents.start(hub, dataDir);
    }

    private Map<?, ?> section(String component) {
        return hub.reportedDocument().get(component) instanceof Map<?, ?> section ? section : Map.of();
    }

    private long ackVersion(String component, String property) {
        return section(component).get(property) instanceof Map<?, ?> ack && Long.valueOf(200).equals(ack.get("ac"))
                && ack.get("av") instanceof Long av ? av : -1;
    }

    private long ackCode(String component, String property) {
        return section(component).get(property) instanceof Map<?, ?> ack && ack.get("ac") instanceof Long code
                ? code : -1;
    }
}
