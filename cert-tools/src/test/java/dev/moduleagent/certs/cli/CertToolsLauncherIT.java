package dev.moduleagent.certs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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

/** Runs the built {@code target/cert-tools} launcher script end to end, as a user does from a shell. */
class CertToolsLauncherIT {

    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    @Test
    void launcherRunsKeyCsrAndInspectWithTheDocumentedExitCodes() throws Exception {
        Result help = launch("--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().startsWith("Usage: cert-tools"), help.out());

        Result key = launch("key", "--out", "device01/module01.key.pem");
        assertEquals(0, key.exitCode(), key.err());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("device01/module01.key.pem"))));

        Result csr = launch("csr", "--key", "device01/module01.key.pem", "--device", "device01", "--module", "module01",
                "--out", "device01/module01.csr");
        assertEquals(0, csr.exitCode(), csr.err());

        Result inspect = launch("inspect", "--json", "device01/module01.csr");
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().contains("\"identity\": \"device01/module01\""), inspect.out());

        Result usage = launch("csr", "--nonsense");
        assertEquals(2, usage.exitCode());
        assertEquals(1, usage.err().lines().count(), usage.err());

        Result missing = launch("inspect", "no-such.pem");
        assertEquals(1, missing.exitCode());
        assertEquals("cert-tools inspect: no-such.pem: no such file", missing.err().trim());
        assertFalse(missing.err().contains("at dev."), "no stack trace");
    }

    private Result launch(String... args) throws Exception {
        String launcher = System.getProperty("certtools.launcher");
        assertNotNull(launcher, "system property certtools.launcher (set by the pom) is missing");
        assertTrue(Files.isExecutable(Path.of(launcher)), launcher + " is not an executable file");
        List<String> command = new ArrayList<>(List.of(launcher));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } finally {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
