package dev.moduleagent.runtime.it;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Prints the agent's figures (not a test: nothing is asserted): time from process start to the first acknowledged
 * reported patch, resident memory with the example plug-ins, and desired-to-reported round trips against a local hub
 * on 127.0.0.25. The agent runs with the ITs' {@code JAVA_OPTS} ({@code -Xmx192m -XX:+UseSerialGC}). Run from the
 * repository root after {@code mvn -B -ntp -q install -DskipTests}:
 * {@code mvn -B -ntp -q -pl runtime exec:java -Dmoduleagent.dist=$PWD/runtime/target/module-agent
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.moduleagent.runtime.it.AgentFigures -Dexec.args=300}
 * (the argument: the number of round trips, default 300).
 */
public final class AgentFigures {

    private static final String DEVICE = "figures-gateway";
    private static final String MODULE = "figures";
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(2);

    private AgentFigures() {
    }

    public static void main(String[] args) throws Exception {
        int roundTrips = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path distribution = Path.of(System.getProperty("moduleagent.dist", "target/module-agent")).toAbsolutePath();
        Path dir = Files.createTempDirectory("agent-figures");
        try (TestHub hub = new TestHub("127.0.0.25", dir.resolve("hub"))) {
            AgentHome home = AgentHome.withAllPlugins(distribution, dir, hub, DEVICE, MODULE);
            long version = hub.patchDesired(DEVICE, MODULE, Desired.patch().component("hello", "name", "start").json());
            long started = System.nanoTime();
            try (AgentProcess agent = AgentProcess.start(distribution, home)) {
                hub.awaitTwin("first acknowledgement", DEVICE, MODULE, DEADLINE, POLL, twin -> acked(twin, version));
                long firstAck = System.nanoTime() - started;
                System.out.printf("process start -> first acknowledged reported patch: %d ms%n", firstAck / 1_000_000);
                System.out.printf("resident memory (VmRSS) of the agent with %s: %s%n", plugins(home), rss(agent.pid()));
                roundTrips(hub, roundTrips);
                System.out.printf("resident memory (VmRSS) after the round trips: %s%n", rss(agent.pid()));
                agent.terminate(Duration.ofSeconds(30));
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void roundTrips(TestHub hub, int count) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            long version = hub.patchDesired(DEVICE, MODULE, Desired.patch().component("hello", "name", "n" + i).json());
            hub.awaitTwin("round trip " + i, DEVICE, MODULE, DEADLINE, POLL, twin -> acked(twin, version));
            micros.add((System.nanoTime() - start) / 1_000);
        }
        Collections.sort(micros);
        System.out.printf("desired -> reported round trip over %d patches (twin read every 2 ms): median %.1f ms,"
                + " p99 %.1f ms, min %.1f ms, max %.1f ms%n", count, percentile(micros, 50), percentile(micros, 99),
                micros.get(0) / 1000.0, micros.get(count - 1) / 1000.0);
        System.out.printf("round trips slower than 5 s: %d of %d%n", micros.stream().filter(m -> m > 5_000_000).count(),
                count);
    }

    private static boolean acked(dev.moduleagent.runtime.demo.TwinView twin, long version) {
        return twin.missingAcks(Map.of("hello", List.of("name")), version, 200).isEmpty();
    }

    private static double percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }

    private static String rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return line.substring("VmRSS:".length()).strip();
            }
        }
        return "unknown";
    }

    private static List<String> plugins(AgentHome home) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(home.deploy(), "*.jar")) {
            jars.forEach(jar -> names.add(jar.getFileName().toString()));
        }
        Collections.sort(names);
        return names;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
