package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command: {@code target/local-hub serve} runs the hub, the CLI reaches it, SIGTERM stops it cleanly. */
class LauncherIT {

    private static final String HOST = "127.0.0.18";

    @TempDir
    Path dataDir;

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void serveRunsTheHubAndTheCliTalksToIt() throws Exception {
        String launcher = System.getProperty("localhub.launcher");
        Assumptions.assumeTrue(launcher != null && Files.isExecutable(Path.of(launcher)), "the packaged launcher is needed");
        server = new ProcessBuilder(List.of(launcher, "serve", "--bind", HOST, "--data-dir", dataDir.toString()))
            .redirectErrorStream(true).start();
        AtomicBoolean running = new AtomicBoolean();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> read(server, running, output), "serve-output");
        reader.setDaemon(true);
        reader.start();
        Await.until(Duration.ofSeconds(60), () -> running.get() || !server.isAlive(), "local-hub serve to start");
        assertTrue(server.isAlive(), output::toString);
        String ownerKey = Files.readString(dataDir.resolve("owner.connection-string")).trim().replaceAll(".*SharedAccessKey=", "");
        synchronized (output) {
            String printed = output.toString();
            assertTrue(printed.contains(dataDir.resolve("owner.connection-string").toString()), printed);
            assertFalse(printed.contains(ownerKey), "serve must not print the owner key");
            assertFalse(printed.contains("SharedAccessKey="), printed);
        }

        Process cli = new ProcessBuilder(List.of(launcher, "device", "create", "--device", "launcher-device", "--auth", "sas",
            "--data-dir", dataDir.toString())).redirectErrorStream(true).start();
        String cliOutput = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cli.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, cli.exitValue(), cliOutput);
        assertTrue(cliOutput.contains("created device launcher-device"), cliOutput);

        server.destroy();
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the hub");
        try (LocalHub reopened = LocalHub.start(HubConfig.defaults(HOST, dataDir))) {
            assertEquals("launcher-device", reopened.serviceClient().getDevice("launcher-device").get("deviceId").getAsString());
        }
    }

    private static void read(Process process, AtomicBoolean running, StringBuilder output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                if (line.contains("module connection string")) {
                    running.set(true);
                }
            }
        } catch (java.io.IOException e) {
            synchronized (output) {
                output.append("output ended: ").append(e.getMessage());
            }
        }
    }
}
