package dev.moduleagent.benchmark.internal;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The agent distribution as shipped ({@code bin/module-agent run}: the script's JVM defaults, the class-data archive
 * on) in a home of its own with every plug-in of the distribution's {@code deploy/}; it answers desired patches of the
 * example plug-in's {@code hello.name}. {@code JAVA_OPTS} is removed unless options are given for profiling
 * ({@code --agent-java-opts}).
 */
public final class AgentProgram implements ModuleProgram {

    static final String COMPONENT = "hello";
    static final String PROPERTY = "name";

    private final Path distribution;
    private final Path home;
    private final String javaOptions;

    private AgentProgram(Path distribution, Path home, String javaOptions) {
        this.distribution = distribution;
        this.home = home;
        this.javaOptions = javaOptions;
    }

    /**
     * Makes the home: {@code conf/agent.cfg} for the module, the distribution's plug-ins in {@code deploy/}, its
     * {@code system/} linked.
     */
    public static AgentProgram create(Path distribution, Path home, String host, String deviceId, String moduleId,
            Identities.ModuleFiles files, String javaOptions) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("deploy"));
        Files.createSymbolicLink(home.resolve("system"), distribution.resolve("system"));
        Files.writeString(home.resolve("conf/agent.cfg"), String.join("\n", "hub.host=" + host, "device.id=" + deviceId,
                "module.id=" + moduleId, "key.file=" + files.key(), "cert.file=" + files.chain(),
                "trust.file=" + files.trust(), "transport=MQTT", "data.dir=data/agent", ""));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(distribution.resolve("deploy"), "*.jar")) {
            for (Path jar : jars) {
                Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()));
            }
        }
        return new AgentProgram(distribution, home, javaOptions);
    }

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public Process start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(distribution.resolve("bin/module-agent").toString(), "run"))
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        if (javaOptions.isEmpty()) {
            builder.environment().remove("JAVA_OPTS");
        } else {
            builder.environment().put("JAVA_OPTS", javaOptions);
        }
        builder.environment().remove("MODULE_AGENT_CDS");
        builder.environment().put("MODULE_AGENT_HOME", home.toString());
        return builder.start();
    }

    @Override
    public boolean ready(JsonObject before, JsonObject now, long desiredVersion) {
        return Twins.acked(now, COMPONENT, PROPERTY, desiredVersion);
    }

    @Override
    public boolean answered(JsonObject before, JsonObject now, long desiredVersion) {
        return Twins.acked(now, COMPONENT, PROPERTY, desiredVersion);
    }

    /** @return the example plug-in's jar in the home's deploy folder */
    Path exampleJar() {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(home.resolve("deploy"), "example-hello*.jar")) {
            Optional<Path> jar = java.util.stream.StreamSupport.stream(jars.spliterator(), false).findFirst();
            return jar.orElseThrow(() -> new IllegalStateException("no example-hello jar in " + home.resolve("deploy")
                    + ": the benchmark needs the developer kit (runtime/target/module-agent)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return how many lines of the agent's log contain the text (0 before the log exists) */
    long logLines(String text) throws IOException {
        Path log = home.resolve("logs/module-agent.log");
        if (!Files.exists(log)) {
            return 0;
        }
        try (java.util.stream.Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    /** @return where a jar waits outside the deploy folder */
    Path staging() {
        return home;
    }

    /** Moves a jar into the deploy folder atomically (written beside it first, as users are told to). */
    static void moveInto(Path staged, Path target) throws IOException {
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
