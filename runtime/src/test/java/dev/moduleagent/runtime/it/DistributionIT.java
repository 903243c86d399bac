package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built distribution's command, as a user types it: help, version, a bad configuration, the demo over MQTT
 * (127.0.0.24) and over AMQPS (127.0.0.74).
 */
class DistributionIT {

    private static final Path DISTRIBUTION = Path.of(System.getProperty("moduleagent.dist", "target/module-agent"))
            .toAbsolutePath();

    @TempDir
    Path home;

    @Test
    void helpNamesBothSubcommands() throws Exception {
        Result result = run(List.of("--help"), 30);

        assertEquals(0, result.exitCode());
        assertTrue(result.output().contains("run") && result.output().contains("demo"), result.output());
    }

    @Test
    void printsItsVersion() throws Exception {
        Result result = run(List.of("--version"), 30);

        assertEquals(0, result.exitCode());
        assertTrue(result.output().startsWith("module-agent 0.1.0"), result.output());
    }

    @Test
    void aMissingConfigurationFailsWithOneLine() throws Exception {
        Result result = run(List.of("run"), 60);

        assertEquals(1, result.exitCode());
        assertTrue(result.output().contains("module-agent: config: " + home.resolve("conf/agent.cfg")
                + ": no such configuration file"), result.output());
    }

    @Test
    void theDemoPrintsTwoAcknowledgedComponentsAndExitsWithOnce() throws Exception {
        Files.createSymbolicLink(home.resolve("system"), DISTRIBUTION.resolve("system"));
        Files.createSymbolicLink(home.resolve("deploy"), DISTRIBUTION.resolve("deploy"));

        Result result = run(List.of("demo", "--once", "--hub-address", "127.0.0.24"), 240);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("\"greeting\": \"Hello, module-agent demo!\""), result.output());
        assertTrue(result.output().contains("\"firmware\""), result.output());
        assertTrue(result.output().contains("\"ac\": 200"), result.output());
    }

    @Test
    void theDemoRunsOverAmqps() throws Exception {
        Files.createSymbolicLink(home.resolve("system"), DISTRIBUTION.resolve("system"));
        Files.createSymbolicLink(home.resolve("deploy"), DISTRIBUTION.resolve("deploy"));

        Result result = run(List.of("demo", "--once", "--hub-address", "127.0.0.75", "--transport", "AMQPS"), 240);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("connected over AMQPS"), result.output());
        assertTrue(result.output().contains("\"greeting\": \"Hello, module-agent demo!\""), result.output());
        assertTrue(result.output().contains("\"ac\": 200"), result.output());
    }

    private Result run(List<String> args, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(DISTRIBUTION.resolve("bin/module-agent").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MODULE_AGENT_HOME", home.toString());
        Path output = home.resolve("output.txt");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError("module-agent " + args + " did not end within " + timeoutSeconds + " s:\n"
                        + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    private record Result(int exitCode, String output) {
    }
}
