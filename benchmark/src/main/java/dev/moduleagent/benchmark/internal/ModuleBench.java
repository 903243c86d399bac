package dev.moduleagent.benchmark.internal;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one program as one module against the hub and measures it, the same way for the bare SDK program and for the
 * agent: start → first reported patch stored, round trips desired → answer stored, reported patches per desired change
 * (the hub's reported {@code $version} counts them), resident memory after the round trips, and for the agent the hot
 * deploy of its example plug-in.
 */
public final class ModuleBench {

    private static final Duration DEADLINE = Duration.ofSeconds(300);
    private static final Duration QUIET = Duration.ofMillis(500);

    private final Twins twins;

    public ModuleBench(Twins twins) {
        this.twins = twins;
    }

    /**
     * The figures of one run.
     *
     * @param startMillis process start → first reported patch stored
     * @param roundTripMillis each round trip, in order
     * @param patchesPerChange reported patches stored per desired change
     * @param rssMb resident memory after the round trips
     * @param hotDeployMillis jar into deploy/ → acknowledgement stored, or -1 when not measured
     */
    public record ModuleRun(double startMillis, List<Double> roundTripMillis, double patchesPerChange, double rssMb,
            double hotDeployMillis) {

        /** @return the round trips' percentile */
        public double roundTrip(double percent) {
            return Summary.percentile(roundTripMillis, percent);
        }
    }

    /**
     * @param roundTrips how many desired → reported round trips (0: start only)
     * @param hotDeploy whether to measure the hot deploy (the agent only)
     */
    public ModuleRun run(ModuleProgram program, int roundTrips, boolean hotDeploy) throws BenchmarkException {
        JsonObject before = twins.read();
        long reportedBefore = Twins.reportedVersion(before);
        long desired = twins.patchDesired(patch("start-" + System.nanoTime()));
        long started = System.nanoTime();
        Process process;
        try {
            process = program.start();
        } catch (IOException e) {
            throw new BenchmarkException("cannot start " + program.name() + ": " + e.getMessage(), e);
        }
        try {
            twins.await("first reported patch of " + program.name(), DEADLINE, process::isAlive,
                    twin -> Twins.reportedVersion(twin) > reportedBefore);
            double startMillis = (System.nanoTime() - started) / 1e6;
            twins.await(program.name() + " ready", DEADLINE, process::isAlive,
                    twin -> program.ready(before, twin, desired));
            long versionBefore = twins.settle(QUIET, DEADLINE);
            List<Double> millis = roundTrips(program, process, roundTrips);
            long versionAfter = twins.settle(QUIET, DEADLINE);
            double perChange = roundTrips == 0 ? 0 : (double) (versionAfter - versionBefore) / roundTrips;
            double rssMb = Rss.ofPid(process.pid()) / 1024.0;
            double hot = hotDeploy ? hotDeploy((AgentProgram) program, process) : -1;
            return new ModuleRun(startMillis, millis, perChange, rssMb, hot);
        } finally {
            Processes.stop(process, Duration.ofSeconds(30));
        }
    }

    private List<Double> roundTrips(ModuleProgram program, Process process, int count) throws BenchmarkException {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonObject before = twins.read();
            long start = System.nanoTime();
            long version = twins.patchDesired(patch("r" + i + "-" + start));
            twins.await("answer to desired version " + version + " from " + program.name(), DEADLINE,
                    process::isAlive, twin -> program.answered(before, twin, version));
            millis.add((System.nanoTime() - start) / 1e6);
        }
        return millis;
    }

    private double hotDeploy(AgentProgram agent, Process process) throws BenchmarkException {
        Path jar = agent.exampleJar();
        Path staged = agent.staging().resolve(jar.getFileName() + ".staged");
        String uninstalled = "plug-in uninstalled file=" + jar.getFileName() + " ";
        try {
            long before = agent.logLines(uninstalled);
            AgentProgram.moveInto(jar, staged);
            awaitLog(agent, process, uninstalled, before);
            long version = twins.patchDesired(patch("hot-" + System.nanoTime()));
            long start = System.nanoTime();
            AgentProgram.moveInto(staged, jar);
            twins.await("the hot-deployed plug-in's acknowledgement", DEADLINE, process::isAlive,
                    twin -> Twins.acked(twin, AgentProgram.COMPONENT, AgentProgram.PROPERTY, version));
            return (System.nanoTime() - start) / 1e6;
        } catch (IOException e) {
            throw new BenchmarkException("cannot move " + jar + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the agent's log has one more line with the text (the twin does not show a plug-in's absence). */
    private static void awaitLog(AgentProgram agent, Process process, String text, long before)
            throws BenchmarkException, IOException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (agent.logLines(text) <= before) {
            if (!process.isAlive() || System.nanoTime() > end) {
                throw new BenchmarkException("the agent did not log '" + text + "' within " + DEADLINE.toSeconds()
                        + " s");
            }
            Pause.briefly(Duration.ofMillis(10));
        }
    }

    /** @return a desired patch of the example plug-in's property, in IoT Plug and Play component form */
    static JsonObject patch(String value) {
        JsonObject section = new JsonObject();
        section.addProperty("__t", "c");
        section.addProperty(AgentProgram.PROPERTY, value);
        JsonObject patch = new JsonObject();
        patch.add(AgentProgram.COMPONENT, section);
        return patch;
    }
}
