package dev.moduleagent.benchmark.internal;

import dev.moduleagent.localhub.ServiceClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The module figures over the rounds: the three programs (bare SDK, bare SDK + TCP_NODELAY, agent) run in turn, the
 * first of each round rotating so that no program always runs first after the hub's idle time.
 */
final class ModuleRounds {

    private final ServiceClient service;
    private final String deviceId;
    private final PrintStream out;
    private final Series bareStart = new Series();
    private final Series agentStart = new Series();
    private final Series bareRss = new Series();
    private final Series agentRss = new Series();
    private final Series bareP50 = new Series();
    private final Series bareP99 = new Series();
    private final Series noDelayP50 = new Series();
    private final Series noDelayP99 = new Series();
    private final Series agentP50 = new Series();
    private final Series agentP99 = new Series();
    private final Series barePatches = new Series();
    private final Series agentPatches = new Series();
    private final Series hotDeploy = new Series();

    ModuleRounds(ServiceClient service, String deviceId, PrintStream out) {
        this.service = service;
        this.deviceId = deviceId;
        this.out = out;
    }

    /** One unmeasured start of each program: page cache, and the agent's class-data archive recorded. */
    void warmUp(List<ModuleProgram> programs) throws BenchmarkException {
        for (ModuleProgram program : programs) {
            ModuleBench.ModuleRun run = bench(program).run(program, 0, false);
            out.printf(Locale.ROOT, "warm-up %-24s start %.0f ms%n", program.name(), run.startMillis());
        }
    }

    /** Runs the programs (bare, bare + TCP_NODELAY, agent) once each, starting with the round's turn. */
    void round(List<ModuleProgram> programs, int round, int roundTrips) throws BenchmarkException {
        for (int i = 0; i < programs.size(); i++) {
            int index = (i + round) % programs.size();
            ModuleProgram program = programs.get(index);
            ModuleBench.ModuleRun run = bench(program).run(program, roundTrips, index == 2);
            out.printf(Locale.ROOT, "round %d %-24s start %.0f ms, p50 %.1f ms, p99 %.1f ms, %.2f patches/change, RSS "
                    + "%.0f MB%s%n", round + 1, program.name(), run.startMillis(), p(run, 50), p(run, 99),
                    run.patchesPerChange(), run.rssMb(), index == 2 ? String.format(Locale.ROOT, ", hot deploy %.0f ms",
                            run.hotDeployMillis()) : "");
            record(index, run);
        }
    }

    private static double p(ModuleBench.ModuleRun run, double percent) {
        return run.roundTripMillis().isEmpty() ? 0 : run.roundTrip(percent);
    }

    private void record(int index, ModuleBench.ModuleRun run) {
        switch (index) {
            case 0 -> {
                bareStart.add(run.startMillis());
                bareRss.add(run.rssMb());
                bareP50.add(p(run, 50));
                bareP99.add(p(run, 99));
                barePatches.add(run.patchesPerChange());
            }
            case 1 -> {
                noDelayP50.add(p(run, 50));
                noDelayP99.add(p(run, 99));
            }
            default -> {
                agentStart.add(run.startMillis());
                agentRss.add(run.rssMb());
                agentP50.add(p(run, 50));
                agentP99.add(p(run, 99));
                agentPatches.add(run.patchesPerChange());
                hotDeploy.add(run.hotDeployMillis());
            }
        }
    }

    private ModuleBench bench(ModuleProgram program) {
        return new ModuleBench(new Twins(service, deviceId, program instanceof AgentProgram ? "agent" : "bare"));
    }

    /** @return the rows: the figures of the table for the module */
    List<Figure> figures(int roundTrips) {
        List<Figure> rows = new ArrayList<>();
        rows.add(Figure.paired("start", "process start → first reported patch stored by the hub", "ms", bareStart,
                agentStart, "≤ 1.0"));
        rows.add(Figure.paired("rss", "resident memory after " + roundTrips + " desired→reported round trips", "MB",
                bareRss, agentRss, "≤ 1.0, and < 90 MB"));
        rows.add(Figure.paired("roundTripP50", "desired → reported round trip p50", "ms", bareP50, agentP50, "—"));
        rows.add(Figure.paired("roundTripP99", "desired → reported round trip p99", "ms", bareP99, agentP99, "—"));
        rows.add(Figure.paired("roundTripP50NoDelay", "round trip p50 vs a bare program **with TCP_NODELAY**", "ms",
                noDelayP50, agentP50, "≤ 1.2; p50 < 10 ms"));
        rows.add(Figure.paired("roundTripP99NoDelay", "round trip p99 vs a bare program with TCP_NODELAY", "ms",
                noDelayP99, agentP99, "—"));
        rows.add(Figure.paired("patchesPerChange", "reported patches sent per desired change (count at the hub)", "",
                barePatches, agentPatches, "1"));
        rows.add(Figure.projectOnly("hotDeploy", "hot deploy: jar into `deploy/` → ack stored", "ms", hotDeploy,
                "< 500 ms"));
        return rows;
    }
}
