package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.Pem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command: {@code local-hub serve --est-port --est-validity} and {@code local-hub est credentials}, then an enrollment. */
class EstLauncherIT {

    private static final String HOST = "127.0.0.95";
    private static final int EST_PORT = 9443;

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void serveWithEstPortIssuesCertificatesOfTheConfiguredValidity() throws Exception {
        String launcher = System.getProperty("localhub.launcher");
        Assumptions.assumeTrue(launcher != null && Files.isExecutable(Path.of(launcher)), "the packaged launcher is needed");
        server = new ProcessBuilder(List.of(launcher, "serve", "--bind", HOST, "--data-dir", dataDir.toString(),
            "--est-port", Integer.toString(EST_PORT), "--est-validity", "5m")).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> read(server, output), "serve-output");
        reader.setDaemon(true);
        reader.start();
        Await.until(Duration.ofSeconds(60), () -> contains(output, "module connection string") || !server.isAlive(), "serve to start");
        String url = "https://" + HOST + ":" + EST_PORT + "/.well-known/est";
        assertTrue(contains(output, "EST server:      " + url + "  (certificates valid 5m;"), output::toString);

        Path password = Files.writeString(work.resolve("password"), "launcher-pass-1\n");
        Process cli = new ProcessBuilder(List.of(launcher, "est", "credentials", "--username", "line", "--password-file",
            password.toString(), "--data-dir", dataDir.toString())).redirectErrorStream(true).start();
        String cliOutput = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cli.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, cli.exitValue(), cliOutput);

        Path chain = work.resolve("chain.pem");
        CertToolsRun.run("enroll", "--url", url, "--trust", dataDir.resolve("ca/ca.cert.pem").toString(), "--device", "line-device",
            "--module", "line-module", "--username", "line", "--password-file", password.toString(),
            "--key-out", work.resolve("key.pem").toString(), "--out", chain.toString()).ok();
        X509Certificate leaf = Pem.readCertificates(chain).get(0);
        Duration validity = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        assertTrue(validity.compareTo(Duration.ofMinutes(6)) <= 0 && validity.compareTo(Duration.ofMinutes(4)) >= 0,
            "--est-validity 5m: " + validity);
    }

    private static boolean contains(StringBuilder output, String text) {
        synchronized (output) {
            return output.indexOf(text) >= 0;
        }
    }

    private static void read(Process process, StringBuilder output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            synchronized (output) {
                output.append("output ended: ").append(e.getMessage());
            }
        }
    }
}
