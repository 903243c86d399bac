package dev.moduleagent.certs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.Thumbprints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsrAndSelfSignedCommandTest {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    Path dir;

    private Path key;

    @BeforeEach
    void makeKey() {
        key = dir.resolve("device01/module01.key.pem");
        CliRun.run("key", "--out", key.toString()).ok();
    }

    @Test
    void createsACsrForAModuleSignedByTheKey() throws Exception {
        Path csrFile = dir.resolve("device01/module01.csr");

        CliRun.run("csr", "--key", key.toString(), "--device", "device01", "--module", "module01",
                "--out", csrFile.toString()).ok();

        PKCS10CertificationRequest csr = Pem.readCsr(csrFile);
        assertEquals(IdentityName.of("device01", "module01").subject(), csr.getSubject());
        assertEquals(KeyPairs.fromPrivate(Pem.readPrivateKey(key, null)).getPublic().getEncoded().length,
                csr.getSubjectPublicKeyInfo().getEncoded().length);
    }

    @Test
    void createsACsrForADeviceWithoutModule() throws Exception {
        Path csrFile = dir.resolve("device01.csr");

        CliRun.run("csr", "--key", key.toString(), "--device", "device01", "--out", csrFile.toString()).ok();

        assertEquals("CN=device01", Pem.readCsr(csrFile).getSubject().toString());
    }

    @Test
    void selfSignedPrintsThumbprintsOfTheWrittenCertificateAndTheRegistrationLine() throws Exception {
        Path certFile = dir.resolve("device01/module01.cert.pem");

        CliRun run = CliRun.run("self-signed", "--key", key.toString(), "--device", "device01", "--module", "module01",
                "--days", "30", "--out", certFile.toString(), "--hub", "my-hub").ok();

        X509Certificate cert = Pem.readCertificates(certFile).get(0);
        assertEquals(Thumbprints.sha1(cert), run.line("SHA-1 thumbprint:"));
        assertEquals(Thumbprints.sha256(cert), run.line("SHA-256 thumbprint:"));
        assertEquals("az iot hub module-identity create --hub-name my-hub --device-id device01 --module-id module01"
                + " --am x509_thumbprint --ptp " + Thumbprints.sha256(cert), run.lineContaining("module-identity create"));
        assertTrue(cert.getExtendedKeyUsage().contains(CLIENT_AUTH));
        Instant expectedEnd = Instant.now().plus(Duration.ofDays(30));
        assertTrue(Math.abs(cert.getNotAfter().toInstant().getEpochSecond() - expectedEnd.getEpochSecond()) < 120);
    }

    @Test
    void selfSignedUsesSha1AndASecondaryCertificateWhenAsked() throws Exception {
        Path first = dir.resolve("first.cert.pem");
        Path second = dir.resolve("second.cert.pem");
        CliRun.run("self-signed", "--key", key.toString(), "--device", "d1", "--module", "m1", "--out", first.toString()).ok();

        CliRun run = CliRun.run("self-signed", "--key", key.toString(), "--device", "d1", "--module", "m1",
                "--out", second.toString(), "--thumbprint", "sha1", "--secondary", first.toString()).ok();

        String expected = "--ptp " + Thumbprints.sha1(Pem.readCertificates(second).get(0))
                + " --stp " + Thumbprints.sha1(Pem.readCertificates(first).get(0));
        assertTrue(run.out().contains("--hub-name <hub> --device-id d1 --module-id m1 --am x509_thumbprint " + expected),
                run.out());
    }

    @Test
    void quotesIdsThatAShellWouldInterpret() throws Exception {
        CliRun run = CliRun.run("self-signed", "--key", key.toString(), "--device", "dev$(x)", "--module", "it's",
                "--out", dir.resolve("c.pem").toString()).ok();

        assertTrue(run.out().contains("--device-id 'dev$(x)' --module-id 'it'\\''s'"), run.out());
        assertTrue(Files.exists(dir.resolve("c.pem")));
    }
}
