package dev.moduleagent.certs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.internal.Algorithms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void writesAKeyOfEachAlgorithmWithMode0600(KeyAlgorithm algorithm) throws Exception {
        Path key = dir.resolve("sub/m1.key.pem");

        CliRun.run("key", "--out", key.toString(), "--algorithm", algorithm.label()).ok();

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String expected = (algorithm.curve() != null ? "EC P-" : "RSA ") + algorithm.bits();
        assertEquals(expected, Algorithms.describe(Pem.readPrivateKey(key, null)));
    }

    @Test
    void defaultsToEcP256() throws Exception {
        Path key = dir.resolve("k.pem");

        CliRun run = CliRun.run("key", "--out", key.toString()).ok();

        assertEquals("EC P-256", Algorithms.describe(Pem.readPrivateKey(key, null)));
        assertTrue(run.out().contains("ec-p256"), run.out());
    }

    @Test
    void encryptsWithAPassphraseFromAFileOrTheEnvironment() throws Exception {
        Path passFile = dir.resolve("pass.txt");
        Files.writeString(passFile, "from file\nignored second line\n");

        CliRun.run("key", "--out", dir.resolve("a.pem").toString(), "--passphrase-file", passFile.toString()).ok();
        CliRun.run(Map.of("KEY_PASS", "from env"), "key", "--out", dir.resolve("b.pem").toString(),
                "--passphrase-env", "KEY_PASS").ok();

        assertTrue(Files.readString(dir.resolve("a.pem")).contains("ENCRYPTED PRIVATE KEY"));
        Pem.readPrivateKey(dir.resolve("a.pem"), "from file".toCharArray());
        Pem.readPrivateKey(dir.resolve("b.pem"), "from env".toCharArray());
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        Path key = dir.resolve("k.pem");
        CliRun.run("key", "--out", key.toString()).ok();
        String before = Files.readString(key);

        CliRun refused = CliRun.run("key", "--out", key.toString());

        assertEquals(1, refused.exitCode());
        assertEquals("cert-tools key: " + key + ": already exists (use --force to overwrite)", refused.err().trim());
        assertEquals(before, Files.readString(key));
        CliRun.run("key", "--out", key.toString(), "--force").ok();
        assertNotEquals(before, Files.readString(key));
    }

    @Test
    void rejectsBothPassphraseSourcesAsAUsageError() throws Exception {
        Path passFile = dir.resolve("pass.txt");
        Files.writeString(passFile, "x");
        Path key = dir.resolve("k.pem");

        CliRun run = CliRun.run(Map.of("P", "y"), "key", "--out", key.toString(), "--passphrase-file", passFile.toString(),
                "--passphrase-env", "P");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("mutually exclusive"), run.err());
        assertFalse(Files.exists(key));
    }

    @Test
    void hasNoOptionThatTakesAPassphraseOnTheCommandLine() {
        CliRun run = CliRun.run("key", "--out", dir.resolve("k.pem").toString(), "--passphrase", "secret");

        assertEquals(2, run.exitCode());
        assertFalse(Files.exists(dir.resolve("k.pem")));
    }

    @Test
    void rejectsAnEmptyPassphrase() throws Exception {
        Path passFile = dir.resolve("empty.txt");
        Files.writeString(passFile, "\n");

        CliRun run = CliRun.run("key", "--out", dir.resolve("k.pem").toString(), "--passphrase-file", passFile.toString());

        assertEquals(1, run.exitCode());
        assertEquals("cert-tools key: " + passFile + ": the passphrase file is empty", run.err().trim());
    }
}
