package dev.moduleagent.runtime.it;

import dev.moduleagent.runtime.demo.TwinView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures the JVM defaults of {@code bin/module-agent} (not a test: nothing is asserted), as paired ratios in one run
 * against a local hub on 127.0.0.64, alternating the order within each pair:
 * <ul>
 * <li>flags: the JVM's own defaults ({@code java -cp lib/*}, no option) against the script's defaults (class-data
 * sharing off): start → first acknowledged patch, resident memory after start and after N round trips;</li>
 * <li>class-data sharing: the script's defaults with the archive recorded by an earlier run, against
 * {@code MODULE_AGENT_CDS=off}: start → first acknowledged patch;</li>
 * <li>the bundle cache: the script's defaults with the cache kept from the previous start, against the same with
 * {@code data/felix-cache} deleted before the start (every bundle installed, as before the cache was kept).</li>
 * </ul>
 * Run after {@code package}: {@code mvn -B -ntp -q -pl runtime exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.moduleagent.runtime.it.JvmFigures -Dmoduleagent.dist=$PWD/runtime/target/module-agent
 * -Dexec.args="3 300 5 5"} (pairs for the flags, round trips per run, pairs for CDS, pairs for the bundle cache;
 * 0 pairs skips a part).
 */
public final class JvmFigures {

    private static final String DEVICE = "jvm-gateway";
    private static final String MODULE = "jvm";
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(2);

    private final TestHub hub;
    private final Path distribution;
    private final AgentHome home;

    private JvmFigures(TestHub hub, Path distribution, AgentHome home) {
        this.hub = hub;
        this.distribution = distribution;
        this.home = home;
    }

    /** One agent run's figures. */
    record Run(long firstAckMillis, long rssAfterStartKb, long rssAfterRoundTripsKb, double medianRoundTripMillis,
            long launchMillis, long cpuMillisAtAck) {
    }

    public static void main(String[] args) throws Exception {
        int flagPairs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int roundTrips = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int cdsPairs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int cachePairs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Path distribution = Path.of(System.getProperty("moduleagent.dist", "target/module-agent")).toAbsolutePath();
        Path dir = Files.createTempDirectory("jvm-figures");
        try (TestHub hub = new TestHub("127.0.0.64", dir.resolve("hub"))) {
            AgentHome home = AgentHome.withAllPlugins(distribution, dir, hub, DEVICE, MODULE);
            JvmFigures figures = new JvmFigures(hub, distribution, home);
            if (flagPairs > 0) {
                figures.flags(flagPairs, roundTrips);
            }
            if (cdsPairs > 0) {
                figures.classDataSharing(cdsPairs);
            }
            if (cachePairs > 0) {
                figures.bundleCache(cachePairs);
            }
        } finally {
            Commands.run("rm", "-rf", dir.toString());
        }
    }

    private void flags(int pairs, int roundTrips) throws Exception {
        List<Double> firstAck = new ArrayList<>();
        List<Double> rssStart = new ArrayList<>();
        List<Double> rssEnd = new ArrayList<>();
        List<Double> roundTrip = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            Run bare;
            Run shipped;
            if (i % 2 == 0) {
                bare = run(bareJvm(), Map.of(), roundTrips);
                shipped = run(script(), Map.of("MODULE_AGENT_CDS", "off"), roundTrips);
            } else {
                shipped = run(script(), Map.of("MODULE_AGENT_CDS", "off"), roundTrips);
                bare = run(bareJvm(), Map.of(), roundTrips);
            }
            System.out.printf("pair %d: JVM defaults %s | script defaults %s%n", i + 1, bare, shipped);
            firstAck.add((double) shipped.firstAckMillis() / bare.firstAckMillis());
            rssStart.add((double) shipped.rssAfterStartKb() / bare.rssAfterStartKb());
            rssEnd.add((double) shipped.rssAfterRoundTripsKb() / bare.rssAfterRoundTripsKb());
            roundTrip.add(shipped.medianRoundTripMillis() / bare.medianRoundTripMillis());
        }
        System.out.printf("script defaults / JVM defaults, median of %d pairs: start->first ack %.2f, RSS after start"
                + " %.2f, RSS after %d round trips %.2f, median round trip %.2f%n", pairs, median(firstAck),
                median(rssStart), roundTrips, median(rssEnd), median(roundTrip));
    }

    private void classDataSharing(int pairs) throws Exception {
        run(script(), Map.of(), 0); // records the archive when it stops
        double ratio = pairedStarts(pairs, "with archive", () -> run(script(), Map.of(), 0), "without",
                () -> run(script(), Map.of("MODULE_AGENT_CDS", "off"), 0));
        System.out.printf("start->first ack with / without the class-data archive, median of %d pairs: %.2f%n", pairs,
                ratio);
    }

    private void bundleCache(int pairs) throws Exception {
        run(script(), Map.of(), 0); // records the class-data archive and fills the cache
        double ratio = pairedStarts(pairs, "kept cache", () -> run(script(), Map.of(), 0), "deleted cache",
                this::runWithoutCache);
        System.out.printf("start->first ack with the kept / a deleted bundle cache, median of %d pairs: %.2f%n", pairs,
                ratio);
    }

    /** A start of the agent, measured. */
    private interface Start {
        Run run() throws Exception;
    }

    /** @return the median over the pairs of first's start → first ack divided by second's, the order alternating */
    private static double pairedStarts(int pairs, String firstName, Start first, String secondName, Start second)
            throws Exception {
        List<Double> ratios = new ArrayList<>();
        List<Double> launchRatios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            Run a = i % 2 == 0 ? first.run() : null;
            Run b = second.run();
            a = a == null ? first.run() : a;
            System.out.printf("pair %d: %s %d ms, %s %d ms (process start -> framework started %d / %d ms; CPU at"
                    + " first ack %d / %d ms)%n", i + 1, firstName, a.firstAckMillis(), secondName, b.firstAckMillis(),
                    a.launchMillis(), b.launchMillis(), a.cpuMillisAtAck(), b.cpuMillisAtAck());
            ratios.add((double) a.firstAckMillis() / b.firstAckMillis());
            launchRatios.add((double) a.launchMillis() / b.launchMillis());
            cpuRatios.add((double) a.cpuMillisAtAck() / b.cpuMillisAtAck());
        }
        System.out.printf("%s / %s, median of %d pairs: process start -> framework started %.2f, CPU at first ack"
                + " %.2f%n", firstName, secondName, pairs, median(launchRatios), median(cpuRatios));
        return median(ratios);
    }

    private Run runWithoutCache() throws Exception {
        Commands.run("rm", "-rf", home.dir().resolve("data/felix-cache").toString());
        return run(script(), Map.of(), 0);
    }

    private List<String> bareJvm() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmoduleagent.home=" + home.dir(), "-cp", distribution.resolve("lib") + "/*",
                "dev.moduleagent.runtime.ModuleAgentCli", "run");
    }

    private List<String> script() {
        return List.of(distribution.resolve("bin/module-agent").toString(), "run");
    }

    private Run run(List<String> command, Map<String, String> environment, int roundTrips) throws Exception {
        long version = hub.patchDesired(DEVICE, MODULE, Desired.patch().component("hello", "name", "s" + System.nanoTime())
                .json());
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.dir().toFile()).redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(home.console().toFile()));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().put("MODULE_AGENT_HOME", home.dir().toString());
        builder.environment().putAll(environment);
        long consoleOffset = Files.exists(home.console()) ? Files.size(home.console()) : 0;
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            hub.awaitTwin("first acknowledgement", DEVICE, MODULE, DEADLINE, POLL, twin -> acked(twin, version));
            long firstAck = (System.nanoTime() - started) / 1_000_000;
            long cpu = cpuMillis(process.pid());
            long rssStart = rss(process.pid());
            double median = roundTrips == 0 ? 0 : roundTrips(roundTrips);
            return new Run(firstAck, rssStart, rss(process.pid()), median, launchMillis(consoleOffset, startedAt),
                    cpu);
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** @return process start → the launcher's "agent started" line (its time stamp), or -1 when absent */
    private long launchMillis(long consoleOffset, Instant startedAt) throws IOException {
        byte[] all = Files.readAllBytes(home.console());
        String added = new String(all, (int) consoleOffset, all.length - (int) consoleOffset, StandardCharsets.UTF_8);
        return added.lines().filter(line -> line.contains("agent started systemBundles=")).findFirst()
                .map(line -> Duration.between(startedAt, Instant.parse(line.split(" ", 2)[0])).toMillis()).orElse(-1L);
    }

    private double roundTrips(int count) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            long version = hub.patchDesired(DEVICE, MODULE, Desired.patch().component("hello", "name", "n" + i).json());
            hub.awaitTwin("round trip " + i, DEVICE, MODULE, DEADLINE, POLL, twin -> acked(twin, version));
            millis.add((System.nanoTime() - start) / 1e6);
        }
        return median(millis);
    }

    private static boolean acked(TwinView twin, long version) {
        return twin.missingAcks(Map.of("hello", List.of("name")), version, 200).isEmpty();
    }

    /** @return the CPU time (user + system) the process has used, from /proc (clock ticks of 10 ms) */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
