package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.runtime.fixture.counter.CountingHandler;
import dev.moduleagent.runtime.fixture.faulty.ThrowingHandler;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent process against a real local hub on 127.0.0.21: dispatch, acknowledgements, isolation, restart. */
class AgentConvergenceIT extends AgentItSupport {

    @TempDir
    static java.nio.file.Path hubDir;

    @BeforeAll
    static void startHub() throws Exception {
        startHub("127.0.0.21", hubDir.resolve("hub"));
    }

    @AfterAll
    static void closeHub() {
        stopHub();
    }

    @Test
    void twoComponentsReceiveTheirSectionsAndAcknowledgeTheDesiredVersion() throws Exception {
        AgentHome home = home("two-components");
        deployExample(home, "example-hello");
        deployFixture(home, "counter", "1.0.0");
        start(home);

        long version = hub.patchDesired(DEVICE, "two-components",
                Desired.patch().component("hello", "name", "Ada").component("counter", "level", 1).json());

        awaitAcks("two-components", Map.of("hello", List.of("name"), "counter", List.of("level")), version, 200);
        assertEquals("Hello, Ada!", text(twin("two-components"), "hello", "greeting"));
        assertEquals(List.of(Long.toString(version)), applies(home));
    }

    /** Each desired change reaches the hub as one reported patch: the reported {@code $version} moves by one. */
    @Test
    void eachDesiredChangeIsAnsweredWithOneReportedPatch() throws Exception {
        AgentHome home = home("one-patch");
        deployExample(home, "example-hello");
        start(home);
        long first = hub.patchDesired(DEVICE, "one-patch", Desired.patch().component("hello", "name", "Ada").json());
        // read with the full twin at connect (no arrival reported): wait for its ack and the idle inventory
        hub.awaitTwin("first change applied", DEVICE, "one-patch", CONVERGE,
                twin -> twin.missingAcks(Map.of("hello", List.of("name")), first, 200).isEmpty()
                        && "idle".equals(inventory(twin, "hello", "state")));

        int changes = 5;
        List<Long> patchesPerChange = new java.util.ArrayList<>();
        for (int i = 0; i < changes; i++) {
            long before = reportedVersion(twin("one-patch"));
            long version = hub.patchDesired(DEVICE, "one-patch",
                    Desired.patch().component("hello", "name", "Ada" + i).json());
            hub.awaitTwin("change " + version + " answered", DEVICE, "one-patch", CONVERGE,
                    twin -> answered(twin, version));
            patchesPerChange.add(reportedVersion(twin("one-patch")) - before);
        }
        System.out.println("reported patches per desired change: " + patchesPerChange);
        assertEquals(java.util.Collections.nCopies(changes, 1L), patchesPerChange);
    }

    /** The ack, the arrival and the inventory's outcome and idle state of the version are all in the twin. */
    private static boolean answered(dev.moduleagent.runtime.demo.TwinView twin, long version) {
        boolean arrived = twin.reportedComponent("agent").map(agent -> agent.get("lastDesiredReceived"))
                .filter(received -> received != null && received.isJsonObject()
                        && received.getAsJsonObject().get("version").getAsLong() == version).isPresent();
        return arrived && twin.missingAcks(Map.of("hello", List.of("name")), version, 200).isEmpty()
                && "idle".equals(inventory(twin, "hello", "state"))
                && Long.toString(version).equals(inventory(twin, "hello", "av"));
    }

    private static long reportedVersion(dev.moduleagent.runtime.demo.TwinView twin) {
        return twin.reported().get("$version").getAsLong();
    }

    @Test
    void aThrowingPlugInIsAcknowledgedWith500AndTheOthersKeepWorking() throws Exception {
        AgentHome home = home("faulty-neighbour");
        deployExample(home, "example-hello");
        deployFixture(home, "faulty", "1.0.0");
        start(home);

        long first = hub.patchDesired(DEVICE, "faulty-neighbour",
                Desired.patch().component("faulty", "mode", "boom").component("hello", "name", "Ada").json());
        awaitAcks("faulty-neighbour", Map.of("faulty", List.of("mode")), first, 500);
        awaitAcks("faulty-neighbour", Map.of("hello", List.of("name")), first, 200);
        String description = twin("faulty-neighbour").ack("faulty", "mode").orElseThrow().get("ad").getAsString();
        assertTrue(description.contains(ThrowingHandler.MESSAGE + first), description);

        long second = hub.patchDesired(DEVICE, "faulty-neighbour", Desired.patch().component("hello", "name", "Bob").json());
        awaitAcks("faulty-neighbour", Map.of("hello", List.of("name")), second, 200);
        assertEquals("Hello, Bob!", text(twin("faulty-neighbour"), "hello", "greeting"));
    }

    @Test
    void anUnchangedSectionIsNotAppliedAgainAfterTheAgentRestarts() throws Exception {
        AgentHome home = home("restart");
        deployExample(home, "example-hello");
        deployFixture(home, "counter", "1.0.0");
        AgentProcess agent = start(home);
        long counterVersion = hub.patchDesired(DEVICE, "restart", Desired.patch().component("counter", "level", 1).json());
        awaitAcks("restart", Map.of("counter", List.of("level")), counterVersion, 200);

        assertEquals(143, agent.terminate(Duration.ofSeconds(40)), "exit code of a JVM stopped by SIGTERM");
        Conditions.awaitText(home.log(), "agent stopped", Duration.ofSeconds(5));
        // changed while the agent is down: the restarted agent sees both sections in the one twin it reads first
        long helloVersion = hub.patchDesired(DEVICE, "restart", Desired.patch().component("hello", "name", "Eve").json());
        start(home);

        awaitAcks("restart", Map.of("hello", List.of("name")), helloVersion, 200);
        assertEquals(List.of(Long.toString(counterVersion)), applies(home), "counter applied once, not again");
        assertEquals(counterVersion, twin("restart").ack("counter", "level").orElseThrow().get("av").getAsLong());
    }

    private static List<String> applies(AgentHome home) throws Exception {
        return Files.readAllLines(home.fixtureDir().resolve(CountingHandler.FILE));
    }
}
