package dev.moduleagent.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.agent.internal.hub.ChannelStatus;
import dev.moduleagent.agent.internal.testing.Await;
import dev.moduleagent.agent.internal.testing.FakeHub;
import dev.moduleagent.agent.internal.testing.TestAgents;
import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTest {

    @TempDir
    Path dataDir;
    private final FakeHub hub = new FakeHub();
    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void appliesEachComponentAndAcknowledgesItWithTheDesiredVersion() throws Exception {
        hub.setDesired(Map.of("firmware", Map.of("__t", "c", "version", "2.1.0")), 3);
        agent = start();
        agent.addHandler(new HandlerInfo("firmware", "example.firmware", "1.0.0", 21, 0), new Recording());

        Await.until("ack in the twin", () -> twin().get("firmware") instanceof Map<?, ?>);
        assertEquals(Map.of("__t", "c", "version", Map.of("value", "2.1.0", "ac", 200L, "av", 3L, "ad", "done v3")),
                twin().get("firmware"));
        Map<?, ?> agentSection = (Map<?, ?>) twin().get("agent");
        assertEquals("c", agentSection.get("__t"));
        assertEquals("0.1.0.TEST", agentSection.get("agentVersion"));
        assertEquals(Map.of("subject", "CN=dev1/mod1", "thumbprintSha256", "AB12", "notAfter", "2030-01-01T00:00:00Z"),
                agentSection.get("identity"));
        Await.until("connection and inventory reported", () -> {
            Map<?, ?> section = (Map<?, ?>) twin().get("agent");
            return section.get("connection") instanceof Map<?, ?> c && "CONNECTED".equals(c.get("state"))
                    && section.get("plugins") instanceof Map<?, ?> p && p.get("firmware") instanceof Map<?, ?> f
                    && Long.valueOf(3).equals(f.get("av")) && "idle".equals(f.get("state"));
        }); // the outcome is reported just before the lane turns idle: wait for both
        Map<?, ?> entry = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) twin().get("agent")).get("plugins")).get("firmware");
        assertEquals("example.firmware", entry.get("bundle"));
        Await.until("applied-change event", () -> hub.events().stream().anyMatch(e -> e.startsWith("agent:")
                && e.contains("\"component\":\"firmware\"") && e.contains("\"ac\":200")));
    }

    @Test
    void reportsMadeWhileTheHubIsDownArriveOnceItIsBack() throws Exception {
        hub.reachable(false);
        agent = start();
        agent.reported().report("os", Map.of("hostname", "gw-7"));
        Await.until("an attempt failed", () -> hub.openAttempts() >= 2);
        assertTrue(hub.reported().isEmpty());

        hub.reachable(true);

        Await.until("report delivered", () -> twin().get("os") instanceof Map<?, ?> os && "gw-7".equals(os.get("hostname")));
    }

    @Test
    void desiredChangesMadeWhileDisconnectedAreAppliedAfterTheReconnect() throws Exception {
        hub.setDesired(Map.of("os", Map.of("tz", "UTC")), 1);
        Recording os = new Recording();
        agent = start();
        agent.addHandler(new HandlerInfo("os", "example.os", "1.0.0", 5, 0), os);
        Await.until("first applied", () -> os.versions.size() == 1);

        hub.current().status(ChannelStatus.DISCONNECTED_RETRYING, "NO_NETWORK: Mqtt connection lost");
        hub.setDesired(Map.of("os", Map.of("tz", "Europe/Paris")), 2);
        hub.current().status(ChannelStatus.CONNECTED, "CONNECTION_OK");

        Await.until("second applied", () -> os.versions.size() == 2);
        assertEquals(List.of(1L, 2L), os.versions);
        Await.until("acknowledged", () -> ackVersion("os", "tz") == 2L);
    }

    @Test
    void anUnchangedSectionIsNotAppliedAgainAfterAnAgentRestart() throws Exception {
        hub.setDesired(Map.of("firmware", Map.of("version", "1.0")), 4);
        Recording before = new Recording();
        agent = start();
        agent.addHandler(new HandlerInfo("firmware", "fw", "1", 1, 0), before);
        Await.until("acknowledged", () -> ackVersion("firmware", "version") == 4L);
        agent.close();

        hub.setDesired(Map.of("firmware", Map.of("version", "1.0"), "os", Map.of("tz", "UTC")), 5);
        Recording after = new Recording();
        Recording os = new Recording();
        agent = start();
        agent.addHandler(new HandlerInfo("firmware", "fw", "1", 1, 0), after);
        agent.addHandler(new HandlerInfo("os", "os", "1", 2, 0), os);

        Await.until("the changed component applied", () -> ackVersion("os", "tz") == 5L);
        assertEquals(List.of(4L), before.versions);
        assertTrue(after.versions.isEmpty(), "firmware applied again: " + after.versions);
    }

    @Test
    void aDesiredPatchIsAppliedAndItsArrivalReported() throws Exception {
        hub.setDesired(Map.of("firmware", Map.of("version", "1.0")), 1);
        Recording firmware = new Recording();
        agent = start();
        agent.addHandler(new HandlerInfo("firmware", "fw", "1", 1, 0), firmware);
        Await.until("first", () -> firmware.versions.size() == 1);

        long version = hub.patchDesired("firmware", Map.of("version", "1.1"));

        Await.until("patched version acknowledged", () -> ackVersion("firmware", "version") == version);
        Await.until("arrival reported", () -> ((Map<?, ?>) twin().get("agent")).get("lastDesiredReceived")
                instanceof Map<?, ?> received && Long.valueOf(version).equals(received.get("version")));
    }

    private Agent start() throws StartupException {
        return TestAgents.start(hub, dataDir);
    }

    /** The reported document the hub holds: every confirmed patch merged in order. */
    private Map<String, Object> twin() {
        return hub.reportedDocument();
    }

    private long ackVersion(String component, String property) {
        if (twin().get(component) instanceof Map<?, ?> section && section.get(property) instanceof Map<?, ?> ack
                && ack.get("av") instanceof Long av && Long.valueOf(200).equals(ack.get("ac"))) {
            return av;
        }
        return -1;
    }

    /** A plug-in that records the versions it applied. */
    private static final class Recording implements ComponentHandler {
        final List<Long> versions = new CopyOnWriteArrayList<>();

        @Override
        public Outcome apply(DesiredSection section, ApplyContext context) {
            versions.add(section.version());
            return Outcome.done("done v" + section.version());
        }
    }
}
