package dev.moduleagent.benchmark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --agent-java-opts}: the agent gets them as JAVA_OPTS, and the report says so; without, none reach it. */
class AgentProgramTest {

    @TempDir
    Path dir;

    @Test
    void passesProfilingOptionsOnlyWhenGiven() throws Exception {
        assertEquals("-Xlog:gc", javaOptsSeen("-Xlog:gc", "given"));
        assertEquals("", javaOptsSeen("", "none"));
    }

    @Test
    void theReportNamesProfilingOptions() {
        assertEquals("-Xlog:gc", settings("-Xlog:gc").describe().get("agent JAVA_OPTS"));
        assertFalse(settings("").describe().containsKey("agent JAVA_OPTS"), "the agent as shipped");
    }

    /** Starts a stand-in distribution whose bin/module-agent writes the JAVA_OPTS it got into the home. */
    private String javaOptsSeen(String options, String name) throws Exception {
        Path dist = dir.resolve("dist-" + name);
        Files.createDirectories(dist.resolve("bin"));
        Files.createDirectories(dist.resolve("system"));
        Files.createDirectories(dist.resolve("deploy"));
        Path script = dist.resolve("bin/module-agent");
        Files.writeString(script, "#!/bin/sh\nprintf '%s' \"${JAVA_OPTS:-}\" > \"$MODULE_AGENT_HOME/opts.tmp\"\n"
                + "mv \"$MODULE_AGENT_HOME/opts.tmp\" \"$MODULE_AGENT_HOME/opts\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path home = dir.resolve("home-" + name);
        AgentProgram program = AgentProgram.create(dist, home, "127.0.0.1", "d", "m",
                new Identities.ModuleFiles(dir.resolve("k"), dir.resolve("c"), dir.resolve("t")), options);
        Process process = program.start();
        try {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the stand-in script ended");
        } finally {
            process.destroyForcibly();
        }
        return Files.readString(home.resolve("opts"));
    }

    private static Settings settings(String agentJavaOptions) {
        return new Settings(Path.of("d"), Path.of("h"), "cp", Path.of("w"), 1, 1, 1, Duration.ofSeconds(1), true,
                false, "c", agentJavaOptions);
    }
}
