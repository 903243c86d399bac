package dev.moduleagent.benchmark.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The hub figures over the rounds, local-hub against mosquitto when it is there. */
final class LoadRounds {

    private final int clients;
    private final PrintStream out;
    private final Series hubRamp = new Series();
    private final Series hubRss = new Series();
    private final Series hubPatch = new Series();
    private final Series hubGet = new Series();
    private final Series brokerRamp = new Series();
    private final Series brokerRss = new Series();
    private final Series brokerPatch = new Series();
    private final Series brokerGet = new Series();
    private final List<String> problems = new ArrayList<>();

    LoadRounds(int clients, PrintStream out) {
        this.clients = clients;
        this.out = out;
    }

    void hub(LoadBench.LoadRound round) {
        print("local-hub", round);
        hubRamp.add(round.rampPerSecond());
        hubRss.add(round.rssMb());
        hubPatch.add(round.patchPerSecond());
        hubGet.add(round.getPerSecond());
    }

    void broker(LoadBench.LoadRound round) {
        print("mosquitto", round);
        brokerRamp.add(round.rampPerSecond());
        brokerRss.add(round.rssMb());
        brokerPatch.add(round.patchPerSecond());
        brokerGet.add(round.getPerSecond());
    }

    private void print(String server, LoadBench.LoadRound round) {
        out.printf(Locale.ROOT, "load %-9s ramp %.0f/s, RSS %.0f MB, PATCH %.0f ops/s (%d clients), GET %.0f ops/s (%d "
                + "clients)%s%n", server, round.rampPerSecond(), round.rssMb(), round.patchPerSecond(), clients,
                round.getPerSecond(), 2 * clients, round.problems().isEmpty() ? "" : "; " + round.problems());
        if (!round.problems().isEmpty()) {
            problems.add(server + ": " + round.problems());
        }
    }

    /** @return the rows, with mosquitto as the baseline when it ran */
    List<Figure> figures(boolean withBroker) {
        List<Figure> rows = new ArrayList<>();
        rows.add(row(withBroker, "hubPatchOps", "local-hub reported PATCH ops/s, " + clients + " clients (mosquitto: "
                + "QoS 1 publish→PUBACK)", "ops/s", brokerPatch, hubPatch, "≥ 0.5"));
        rows.add(row(withBroker, "hubGetOps", "local-hub twin GET ops/s, " + 2 * clients + " clients (same reference)",
                "ops/s", brokerGet, hubGet, "≥ 0.5"));
        rows.add(row(withBroker, "hubRamp", "local-hub connection ramp, " + clients + " clients (mosquitto: TLS)",
                "conn/s", brokerRamp, hubRamp, "≥ 0.5"));
        rows.add(row(withBroker, "hubRss", "local-hub resident memory, " + clients + " clients (vs mosquitto)", "MB",
                brokerRss, hubRss, "≤ 5 (< 150 MB)"));
        if (!problems.isEmpty()) {
            rows.set(0, new Figure(rows.get(0).key(), rows.get(0).label(), rows.get(0).unit(), rows.get(0).baseline(),
                    rows.get(0).project(), rows.get(0).ratio(), rows.get(0).goal(), String.join("; ", problems)));
        }
        return rows;
    }

    private static Figure row(boolean withBroker, String key, String label, String unit, Series broker, Series hub,
            String goal) {
        return withBroker ? Figure.paired(key, label, unit, broker, hub, goal)
                : Figure.withoutBaseline(key, label, unit, hub, goal, "no mosquitto on the PATH");
    }
}
