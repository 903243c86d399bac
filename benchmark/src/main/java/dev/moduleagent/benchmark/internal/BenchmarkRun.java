package dev.moduleagent.benchmark.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;

/**
 * One benchmark run: the hub as its own process, then the module figures (bare SDK program, the same with
 * TCP_NODELAY, the agent; in turn, order rotating per round) and the hub figures (local-hub and mosquitto in turn).
 */
public final class BenchmarkRun {

    private static final String DEVICE = "bench-gw";

    private final Settings settings;
    private final PrintStream out;

    public BenchmarkRun(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** @return the report of the run */
    public Report run() throws BenchmarkException {
        Report report = new Report(Machine.current(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                settings.describe());
        String loadBefore = Machine.loadAverage();
        try (HubProcess hub = HubProcess.start(settings.hubLauncher(), Settings.HUB_ADDRESS,
                settings.work().resolve("hub-data"))) {
            Identities identities = Identities.create(hub, settings.work().resolve("identities"));
            if (settings.agent()) {
                moduleFigures(hub, identities, report);
            }
            if (settings.load()) {
                loadFigures(hub, identities, report);
            }
        }
        report.note("load average (1 min) of the machine: " + loadBefore + " at the start, " + Machine.loadAverage()
                + " at the end");
        return report;
    }

    private void moduleFigures(HubProcess hub, Identities identities, Report report) throws BenchmarkException {
        Identities.ModuleFiles bareFiles = identities.module(DEVICE, "bare");
        Identities.ModuleFiles agentFiles = identities.module(DEVICE, "agent");
        Path console = settings.work().resolve("bare-console.log");
        List<ModuleProgram> programs;
        try {
            programs = List.of(
                    new BareProgram(settings.baselineClassPath(), hub.host(), DEVICE, "bare", bareFiles, false, console),
                    new BareProgram(settings.baselineClassPath(), hub.host(), DEVICE, "bare", bareFiles, true, console),
                    AgentProgram.create(settings.agentDistribution(), settings.work().resolve("agent-home"), hub.host(),
                            DEVICE, "agent", agentFiles, settings.agentJavaOptions()));
        } catch (IOException e) {
            throw new BenchmarkException("cannot make the agent's home: " + e.getMessage(), e);
        }
        ModuleRounds rounds = new ModuleRounds(hub.service(), DEVICE, out);
        rounds.warmUp(programs);
        for (int round = 0; round < settings.rounds(); round++) {
            rounds.round(programs, round, settings.roundTrips());
        }
        rounds.figures(settings.roundTrips()).forEach(report::add);
    }

    private void loadFigures(HubProcess hub, Identities identities, Report report) throws BenchmarkException {
        out.printf("load: registering %d modules for the load clients%n", 2 * settings.clients());
        LoadBench bench = LoadBench.prepare(hub, identities, settings.clients(), settings.window());
        LoadRounds rounds = new LoadRounds(settings.clients(), out);
        Optional<java.nio.file.Path> mosquitto = MosquittoProcess.find();
        bench.warmUp(hub.host(), true);
        if (mosquitto.isEmpty()) {
            for (int round = 0; round < settings.rounds(); round++) {
                rounds.hub(bench.hub(hub));
            }
            rounds.figures(false).forEach(report::add);
            report.note("mosquitto is not on the PATH: the hub's figures have no reference (apt-get install mosquitto)");
            return;
        }
        try (MosquittoProcess broker = MosquittoProcess.start(mosquitto.get(), Settings.BROKER_ADDRESS,
                settings.work().resolve("mosquitto"), identities.ca())) {
            bench.warmUp(Settings.BROKER_ADDRESS, false);
            for (int round = 0; round < settings.rounds(); round++) {
                if (round % 2 == 0) {
                    rounds.hub(bench.hub(hub));
                    rounds.broker(bench.broker(Settings.BROKER_ADDRESS, broker));
                } else {
                    rounds.broker(bench.broker(Settings.BROKER_ADDRESS, broker));
                    rounds.hub(bench.hub(hub));
                }
            }
        }
        rounds.figures(true).forEach(report::add);
    }
}
