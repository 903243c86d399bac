package dev.moduleagent.runtime.it;

import dev.moduleagent.runtime.fixture.FixtureFiles;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The agent as users run it: {@code bin/module-agent run} of the built distribution in a child process, with its
 * own home. Stopped with SIGTERM; killed if it outlives a test.
 */
final class AgentProcess implements AutoCloseable {

    private final Process process;

    private AgentProcess(Process process) {
        this.process = process;
    }

    static AgentProcess start(Path distribution, AgentHome home) throws IOException {
        return start(distribution, home, "");
    }

    /** @param javaOptions more JVM options (for example a debugger agent or a trust store), or "" */
    static AgentProcess start(Path distribution, AgentHome home, String javaOptions) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin/module-agent").toString(), "run");
        builder.environment().put("MODULE_AGENT_HOME", home.dir().toString());
        // no class-data archive: its recording at the first clean stop would be counted in the stop times the
        // chaos suite measures (InstalledAgentIT covers the archive)
        builder.environment().put("MODULE_AGENT_CDS", "off");
        builder.directory(home.dir().toFile()); // as in a service unit: plug-ins resolve relative paths here
        builder.environment().put("JAVA_OPTS", "-Xmx192m -XX:+UseSerialGC " + javaOptions + " -D"
                + FixtureFiles.PROPERTY + "=" + home.fixtureDir());
        builder.redirectErrorStream(true);
        builder.redirectOutput(Redirect.appendTo(home.console().toFile()));
        Process process = builder.start();
        // never outlive the test JVM, even when it is killed before close()
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-agent-" + process.pid()));
        return new AgentProcess(process);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits for the process to end by itself.
     *
     * @return its exit code
     * @throws IllegalStateException when it is still running at the deadline
     */
    int awaitExit(Duration deadline) throws InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the agent did not exit within " + deadline.toSeconds() + " s");
        }
        return process.exitValue();
    }

    /**
     * Sends SIGTERM and waits for the process to end.
     *
     * @return the exit code (143 after a clean stop on SIGTERM)
     * @throws IllegalStateException when it did not end in time (it is then killed)
     */
    int terminate(Duration deadline) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the agent did not stop within " + deadline.toSeconds() + " s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
