package dev.moduleagent.benchmark;

import dev.moduleagent.benchmark.internal.BenchmarkException;
import dev.moduleagent.benchmark.internal.BenchmarkRun;
import dev.moduleagent.benchmark.internal.Commit;
import dev.moduleagent.benchmark.internal.Report;
import dev.moduleagent.benchmark.internal.Settings;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The benchmark of issue 12: prints the figures as a markdown table (baseline / project / ratio, min–median–max over
 * paired rounds) and writes them as JSON. Entry point of {@code mvn -Pbench -pl benchmark -am verify}.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measures the agent against a bare SDK program and local-hub against mosquitto, paired.")
public final class Benchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--agent-dist", description = "the developer kit folder (default: ${DEFAULT-VALUE})")
    Path agentDistribution = Path.of("../runtime/target/module-agent");

    @Option(names = "--hub-launcher", description = "local-hub's launcher (default: ${DEFAULT-VALUE})")
    Path hubLauncher = Path.of("../local-hub/target/local-hub");

    @Option(names = "--baseline-classpath", description = "the bare program's class path: SDK jars and these classes"
            + " (default: ${DEFAULT-VALUE})")
    String baselineClassPath = "target/classes:target/baseline-lib/*";

    @Option(names = "--rounds", description = "paired rounds (default: ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--round-trips", description = "desired→reported round trips per module run (default: "
            + "${DEFAULT-VALUE})")
    int roundTrips = 300;

    @Option(names = "--clients", description = "load clients N; twin GET uses 2N (default: ${DEFAULT-VALUE})")
    int clients = 1000;

    @Option(names = "--window", description = "seconds of each load measuring window (default: ${DEFAULT-VALUE})")
    int windowSeconds = 5;

    @Option(names = "--quick", description = "a quick run: 2 rounds, 50 round trips, 100 clients, 2 s windows")
    boolean quick;

    @Option(names = "--only", description = "measure only 'agent' (bare SDK vs agent) or 'hub' (local-hub vs "
            + "mosquitto)")
    String only;

    @Option(names = "--json", description = "write the figures as JSON to this file")
    Path json;

    @Option(names = "--markdown", description = "write the markdown table to this file")
    Path markdown;

    @Option(names = "--agent-java-opts", description = "JAVA_OPTS for the agent, after the script's defaults (for"
            + " profiling: the report names them; default: none, the agent as shipped)")
    String agentJavaOptions = "";

    @Option(names = "--work", description = "folder for hub data, homes and logs (default: a new temporary folder)")
    Path work;

    public static void main(String[] args) {
        // a benchmark stopped by Ctrl-C or SIGTERM takes its hub, programs and mosquitto with it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .forEach(ProcessHandle::destroy), "benchmark-children"));
        System.exit(new CommandLine(new Benchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        out.println("benchmark: work folder " + settings.work());
        out.flush();
        try {
            Report report = new BenchmarkRun(settings, System.out).run();
            String table = report.markdown();
            out.println();
            out.print(table);
            out.flush();
            if (json != null) {
                Files.writeString(json, report.json() + "\n");
            }
            if (markdown != null) {
                Files.writeString(markdown, table);
            }
            return 0;
        } catch (BenchmarkException e) {
            spec.commandLine().getErr().println("benchmark: " + e.getMessage() + " (logs in " + settings.work() + ")");
            return 1;
        }
    }

    private Settings settings() throws IOException {
        if (only != null && !only.equals("agent") && !only.equals("hub")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--only must be 'agent' or 'hub', not '" + only
                    + "'");
        }
        if (rounds < 1 || roundTrips < 1 || clients < 1 || windowSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--rounds, --round-trips, --clients and --window must be at least 1");
        }
        Path folder = work != null ? Files.createDirectories(work) : Files.createTempDirectory("module-agent-bench");
        boolean agent = only == null || only.equals("agent");
        boolean load = only == null || only.equals("hub");
        String classPath = Arrays.stream(baselineClassPath.split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        String commit = Commit.of(Path.of("").toAbsolutePath());
        if (quick) {
            return new Settings(agentDistribution.toAbsolutePath(), hubLauncher.toAbsolutePath(), classPath, folder, 2,
                    50, 100, Duration.ofSeconds(2), agent, load, commit, agentJavaOptions.strip());
        }
        return new Settings(agentDistribution.toAbsolutePath(), hubLauncher.toAbsolutePath(), classPath, folder, rounds,
                roundTrips, clients, Duration.ofSeconds(windowSeconds), agent, load, commit, agentJavaOptions.strip());
    }
}
