package dev.moduleagent.certs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gets one line naming the problem and the file, the right exit code, and no output file. */
class BadInputTest {

    private static final Map<String, String> ENV = Map.of("PASS", "right", "WRONG", "wrong");

    @TempDir
    Path dir;

    private Path out;
    private Path key;
    private Path encryptedKey;
    private Path cert;

    @BeforeEach
    void files() {
        out = dir.resolve("out/result.pem");
        key = dir.resolve("k.pem");
        encryptedKey = dir.resolve("enc.pem");
        cert = dir.resolve("c.pem");
        CliRun.run("key", "--out", key.toString()).ok();
        CliRun.run(ENV, "key", "--out", encryptedKey.toString(), "--passphrase-env", "PASS").ok();
        CliRun.run("self-signed", "--key", key.toString(), "--device", "d", "--module", "m", "--out", cert.toString()).ok();
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("missing.key.pem");
        assertOneLineFailure(1, missing + ": no such file",
                "csr", "--key", missing.toString(), "--device", "d", "--module", "m", "--out", out.toString());
    }

    @Test
    void malformedPem() throws Exception {
        Path malformed = dir.resolve("malformed.pem");
        Files.writeString(malformed, "-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----\n");
        assertOneLineFailure(1, malformed + ": malformed PEM",
                "csr", "--key", malformed.toString(), "--device", "d", "--module", "m", "--out", out.toString());
    }

    @Test
    void fileWithoutPemOrDerContent() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "just some text\n");
        assertOneLineFailure(1, text + ": not a private key",
                "self-signed", "--key", text.toString(), "--device", "d", "--module", "m", "--out", out.toString());
    }

    @Test
    void wrongPassphrase() {
        assertOneLineFailure(1, encryptedKey + ": wrong passphrase", "csr", "--key", encryptedKey.toString(),
                "--passphrase-env", "WRONG", "--device", "d", "--module", "m", "--out", out.toString());
    }

    @Test
    void keyAndCertificateMismatch() {
        CliRun run = CliRun.run(ENV, "pkcs12", "--key", encryptedKey.toString(), "--passphrase-env", "PASS",
                "--cert", cert.toString(), "--out", out.toString(), "--out-passphrase-env", "PASS");
        assertEquals(1, run.exitCode());
        assertEquals("cert-tools pkcs12: " + encryptedKey + ": does not match the certificate in " + cert, run.err().trim());
        assertFalse(Files.exists(out));
    }

    @Test
    void badModuleIdNamesTheCharacter() {
        assertOneLineFailure(1, "module id 'mod#1' has the character '#' at position 4",
                "csr", "--key", key.toString(), "--device", "d", "--module", "mod#1", "--out", out.toString());
    }

    @Test
    void unknownAlgorithm() {
        assertOneLineFailure(1, "unknown key algorithm 'ed25519'", "key", "--algorithm", "ed25519", "--out", out.toString());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertOneLineFailure(2, "Unknown option: '--colour'", "key", "--out", out.toString(), "--colour");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        assertOneLineFailure(2, "Missing required option", "csr", "--key", key.toString(), "--out", out.toString());
    }

    @Test
    void verboseAddsTheStackTrace() {
        Path missing = dir.resolve("missing.pem");
        CliRun run = CliRun.run("--verbose", "inspect", missing.toString());
        CliRun afterCommand = CliRun.run("inspect", missing.toString(), "--verbose");

        assertEquals(1, run.exitCode());
        assertTrue(run.errLines().length > 1, run.err());
        assertTrue(run.err().contains("CertificateToolException"), run.err());
        assertTrue(afterCommand.errLines().length > 1, afterCommand.err());
    }

    private void assertOneLineFailure(int exitCode, String expected, String... args) {
        CliRun run = CliRun.run(ENV, args);

        assertEquals(exitCode, run.exitCode(), run.err());
        assertEquals(1, run.errLines().length, "one line: " + run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertTrue(run.err().startsWith("cert-tools "), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertFalse(Files.exists(out), "no output file");
        assertFalse(Files.exists(out.getParent()) && out.getParent().toFile().list().length > 0, "nothing partial");
    }
}
