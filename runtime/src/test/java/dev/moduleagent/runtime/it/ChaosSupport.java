package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.runtime.demo.TwinView;
import dev.moduleagent.runtime.fixture.tally.TallyHandler;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The chaos suite's shared part: a stream of desired patches for the tally plug-in's two components ({@code alpha},
 * {@code beta}), the convergence check after a fault, and the counts every scenario prints. Counts are small by
 * default so that the suite fits in {@code mvn verify}; {@code -Dchaos.rounds=20} is the documented long run and
 * {@code -Dchaos.seed=N} replays one.
 */
abstract class ChaosSupport extends AgentItSupport {

    static final int ROUNDS = Integer.getInteger("chaos.rounds", 2);
    static final long SEED = Long.getLong("chaos.seed", System.nanoTime());
    /** How long a stop may take, SIGTERM to process exit. */
    static final Duration STOP_BOUND = Duration.ofSeconds(5);
    /** The bound the agent's state file must stay under (it held 10 MB before any report in issue 13). */
    static final long STATE_FILE_BOUND = 4L * 1024 * 1024;
    static final List<String> COMPONENTS = List.of("alpha", "beta");
    private static final Pattern STORE_ERROR = Pattern.compile(
            "MVStoreException|ClosedByInterruptException|Map outbox is closed|ClosedChannelException");
    private static final String STATE_FILE = "data/agent/agent-state.mv.db";

    final Random random = new Random(SEED);
    private final Map<String, Integer> newestValue = new LinkedHashMap<>();
    private final Map<String, Long> newestVersion = new HashMap<>();
    /**
     * At each fault: how many applications the tally file held and which (component, content) pairs the hub showed
     * acknowledged. Applying such a pair again after that fault is a defect.
     */
    private final List<FaultSnapshot> faults = new ArrayList<>();
    private int sequence;

    /** A home with the tally plug-in, whose module's desired stream this class drives. */
    AgentHome chaosHome(String moduleId) throws Exception {
        AgentHome home = home(moduleId);
        deployFixture(home, "tally", "1.0.0");
        return home;
    }

    /**
     * Starts the agent and waits until it applied a first patch, so that the first fault hits a running stream, not
     * a start-up (not counted in the figures).
     */
    AgentProcess startConverged(AgentHome home, String moduleId) throws Exception {
        AgentProcess agent = start(home);
        push(moduleId, COMPONENTS.size());
        hub.awaitTwin("the agent applied its first patches", DEVICE, moduleId, CONVERGE, this::converged);
        return agent;
    }

    /** Sends the next desired patch: the next component in turn gets the next value. */
    void push(String moduleId) throws Exception {
        sequence++;
        String component = COMPONENTS.get(sequence % COMPONENTS.size());
        long version = hub.patchDesired(DEVICE, moduleId, Desired.patch().component(component, "level", "v" + sequence)
                .json());
        newestValue.put(component, sequence);
        newestVersion.put(component, version);
    }

    /** Sends {@code count} patches. */
    void push(String moduleId, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            push(moduleId);
        }
    }

    /** @return how many applications the tally plug-in of the home has recorded */
    static int applies(AgentHome home) {
        try {
            Path file = home.fixtureDir().resolve(TallyHandler.FILE);
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Picks the moment of the next fault: returns once the tally plug-in has applied between 0 and {@code most} more
     * sections (drawn from the seed), or after a few seconds when the stream coalesced into fewer applications.
     */
    void awaitRandomPoint(AgentHome home, int most) throws InterruptedException {
        int target = applies(home) + random.nextInt(most + 1);
        try {
            Conditions.await("the fault point", Duration.ofSeconds(5), () -> applies(home) >= target);
        } catch (AssertionError coalesced) {
            // newest wins: fewer applications than patches; the fault comes now
        }
    }

    /**
     * Notes which contents the hub shows acknowledged right after a fault: the agent must never apply those again.
     */
    void noteAcknowledged(AgentHome home, String moduleId) {
        Set<String> acked = new HashSet<>();
        hub.twin(DEVICE, moduleId).ifPresent(twin -> {
            for (String component : COMPONENTS) {
                twin.ack(component, "level").filter(ack -> ack.get("ac").getAsInt() == 200)
                        .ifPresent(ack -> acked.add(component + " {level=" + ack.get("value").getAsString() + "}"));
            }
        });
        faults.add(new FaultSnapshot(applies(home), acked));
    }

    private record FaultSnapshot(int appliesBefore, Set<String> acked) {
    }

    /**
     * Waits until every component acknowledges its newest value with 200 and reports it as applied; counts the
     * round as converged (with the time it took) or lost.
     */
    void awaitConverged(String moduleId, ChaosFigures figures) throws InterruptedException {
        try {
            figures.converged(hub.awaitTwin("every component applied its newest value " + newestValue, DEVICE,
                    moduleId, CONVERGE, this::converged));
        } catch (AssertionError e) {
            figures.lost++;
            System.out.println("CHAOS lost: " + e.getMessage() + "; twin reported: "
                    + hub.twin(DEVICE, moduleId).map(TwinView::reported).orElse(null));
        }
    }

    private boolean converged(TwinView twin) {
        return newestValue.entrySet().stream().allMatch(entry -> {
            String value = "v" + entry.getValue();
            return twin.ack(entry.getKey(), "level").filter(ack -> ack.get("ac").getAsInt() == 200
                    && ack.get("av").getAsLong() >= newestVersion.get(entry.getKey())
                    && ack.get("value").getAsString().equals(value)).isPresent()
                    && ("{level=" + value + "}").equals(text(twin, entry.getKey(), "lastApplied"));
        });
    }

    /**
     * Counts, from the tally plug-in's file, the contents applied more than once: after the hub showed them
     * acknowledged (a defect), or else after an application cut short by a kill or stop (allowed by the API contract:
     * an unrecorded run is applied again); reads the store errors in the agent's log and the state file's size.
     */
    void tallyUp(AgentHome home, ChaosFigures figures) throws IOException {
        Path applies = home.fixtureDir().resolve(TallyHandler.FILE);
        Set<String> seen = new HashSet<>();
        List<String> lines = Files.exists(applies) ? Files.readAllLines(applies) : List.of();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            String[] fields = line.split(" ");
            String key = fields[0] + " " + fields[2];
            int at = index;
            if (!seen.add(key)) {
                if (faults.stream().anyMatch(fault -> fault.appliesBefore() <= at && fault.acked().contains(key))) {
                    figures.reappliedAfterAck++;
                    System.out.println("CHAOS re-applied after its acknowledgement: " + line);
                } else {
                    figures.rerunAfterInterruptedApply++;
                }
            }
        }
        figures.storeErrors = storeErrors(home);
        figures.stateFile(home.dir().resolve(STATE_FILE));
    }

    /** @return the lines of the agent's logs (all rolled files) that show the state store failing */
    static int storeErrors(AgentHome home) throws IOException {
        int count = 0;
        Path logs = home.log().getParent();
        if (!Files.isDirectory(logs)) {
            return 0;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(logs, "module-agent*")) {
            for (Path file : files) {
                for (String line : Files.readAllLines(file)) {
                    if (STORE_ERROR.matcher(line).find()) {
                        count++;
                        if (count <= 5) {
                            System.out.println("CHAOS store error in " + file.getFileName() + ": " + line);
                        }
                    }
                }
            }
        }
        return count;
    }

    /** The suite's common verdict, after the figures were printed. */
    static void assertClean(ChaosFigures figures, int rounds) {
        String line = figures.line();
        assertAll(
                () -> assertEquals(0, figures.lost, "lost: " + line),
                () -> assertEquals(rounds, figures.converged, "converged: " + line),
                () -> assertEquals(0, figures.reappliedAfterAck, "re-applied: " + line),
                () -> assertEquals(0, figures.storeErrors, "store errors: " + line),
                () -> assertTrue(figures.stateFileBytes < STATE_FILE_BOUND,
                        "state file over " + STATE_FILE_BOUND + " bytes: " + line));
    }
}
