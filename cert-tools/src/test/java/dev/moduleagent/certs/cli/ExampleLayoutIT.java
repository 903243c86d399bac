package dev.moduleagent.certs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.moduleagent.certs.OpensslProcess;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs certs.example/make-example.sh (the README's walkthrough) with the built launcher into a temporary folder. */
class ExampleLayoutIT {

    private static final long TIMEOUT_SECONDS = 180;

    @TempDir
    Path dir;

    @Test
    void makesTheGatewayLayoutForBothAuthenticationModes() throws Exception {
        Path out = dir.resolve("generated");

        String log = run(out, 0);

        for (String file : List.of("ca/root/ca.cert.pem", "ca/intermediate/ca.chain.pem", "device01/module01.csr",
                "device01/module01.cert.pem", "device01/chain.pem", "device01/module02.cert.pem")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file + "\n" + log);
        }
        for (String key : List.of("ca/root/ca.key.pem", "ca/intermediate/ca.key.pem", "device01/module01.key.pem",
                "device01/module02.key.pem")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(key))), key);
        }
        assertTrue(log.contains("--module-id module01 --am x509_ca"), log);
        assertTrue(log.contains("--module-id module02 --am x509_thumbprint --ptp "), log);
        assertEquals("device01/module01.cert.pem: OK", OpensslProcess.ok(out, "verify", "-CAfile", "ca/root/ca.cert.pem",
                "-untrusted", "device01/chain.pem", "device01/module01.cert.pem").trim());

        String again = run(out, 1);
        assertTrue(again.contains("already exists (use --force"), again);
        run(out, 0, "--force");
    }

    private String run(Path out, int expectedExit, String... args) throws Exception {
        String script = System.getProperty("certtools.example.script");
        String launcher = System.getProperty("certtools.launcher");
        assertNotNull(script, "system property certtools.example.script (set by the pom) is missing");
        List<String> command = new ArrayList<>(List.of("bash", script));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "log", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("CERTS_OUT", out.toString());
        builder.environment().put("CERT_TOOLS", launcher);
        Process process = builder.start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("make-example.sh did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(expectedExit, process.exitValue(), output);
        return output;
    }
}
