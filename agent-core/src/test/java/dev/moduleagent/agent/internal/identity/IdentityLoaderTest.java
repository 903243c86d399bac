package dev.moduleagent.agent.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.CertificateRequests;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.SelfSigned;
import dev.moduleagent.certs.Thumbprints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityLoaderTest {

    private static final Clock NOW = Clock.systemUTC();

    @TempDir
    Path dir;

    @Test
    void loadsAMatchingSelfSignedIdentityAndDescribesIt() throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate cert = SelfSigned.clientCertificate(keys, IdentityName.of("dev1", "mod1"), Duration.ofDays(2));
        IdentityFiles files = write(keys, List.of(cert), null);

        ModuleIdentity identity = IdentityLoader.load(files, "dev1", "mod1", NOW);

        assertEquals("dev1/mod1", identity.commonName());
        assertEquals(Thumbprints.sha256(cert), identity.thumbprintSha256());
        assertEquals(cert.getNotAfter().toInstant(), identity.notAfter());
        assertTrue(identity.subject().contains("dev1/mod1"), identity.subject());
        assertNotNull(identity.sslContext());
    }

    @Test
    void loadsACaSignedChainWithAnEncryptedKeyAndATrustFile() throws Exception {
        CertificateAuthority ca = CertificateAuthority.createRoot("Test CA", KeyAlgorithm.EC_P256, Duration.ofDays(2));
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.RSA_2048);
        X509Certificate leaf = ca.signClient(CertificateRequests.create(keys, IdentityName.of("gw-7", "agent")),
                Duration.ofDays(1));
        Path passphrase = dir.resolve("pass.txt");
        Files.writeString(passphrase, "s3cret passphrase\n", StandardCharsets.UTF_8);
        Path trust = dir.resolve("trust.pem");
        Pem.writeCertificates(trust, List.of(ca.certificate()), false);
        IdentityFiles files = write(keys, List.of(leaf, ca.certificate()), "s3cret passphrase".toCharArray());

        ModuleIdentity identity = IdentityLoader.load(new IdentityFiles(files.keyFile(), passphrase, files.certFile(),
                trust), "gw-7", "agent", NOW);

        assertEquals("gw-7/agent", identity.commonName());
    }

    @Test
    void refusesAKeyThatDoesNotMatchTheCertificate() throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        KeyPair other = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate cert = SelfSigned.clientCertificate(keys, IdentityName.of("dev1", "mod1"), Duration.ofDays(1));
        IdentityFiles files = write(other, List.of(cert), null);

        IdentityException e = assertThrows(IdentityException.class,
                () -> IdentityLoader.load(files, "dev1", "mod1", NOW));
        assertEquals("key.file " + files.keyFile() + " does not match the certificate in cert.file " + files.certFile(),
                e.getMessage());
    }

    @Test
    void refusesACertificateWhoseCommonNameIsAnotherModule() throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate cert = SelfSigned.clientCertificate(keys, IdentityName.of("dev1", "other"), Duration.ofDays(1));
        IdentityFiles files = write(keys, List.of(cert), null);

        IdentityException e = assertThrows(IdentityException.class,
                () -> IdentityLoader.load(files, "dev1", "mod1", NOW));
        assertEquals("cert.file " + files.certFile() + ": certificate CN 'dev1/other' does not match "
                + "device.id/module.id 'dev1/mod1'", e.getMessage());
    }

    @Test
    void refusesAnExpiredCertificate() throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate cert = SelfSigned.clientCertificate(keys, IdentityName.of("dev1", "mod1"), Duration.ofDays(1));
        IdentityFiles files = write(keys, List.of(cert), null);
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(3)), ZoneOffset.UTC);

        IdentityException e = assertThrows(IdentityException.class,
                () -> IdentityLoader.load(files, "dev1", "mod1", later));
        assertTrue(e.getMessage().startsWith("cert.file " + files.certFile() + ": certificate expired at "),
                e.getMessage());
    }

    @Test
    void namesTheMissingKeyFileInOneLine() {
        Path missing = dir.resolve("nope.key.pem");
        IdentityException e = assertThrows(IdentityException.class, () -> IdentityLoader.load(
                new IdentityFiles(missing, null, dir.resolve("c.pem"), null), "dev1", "mod1", NOW));
        assertTrue(e.getMessage().startsWith("key.file"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void namesACertificateFileThatIsNotPem() throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate cert = SelfSigned.clientCertificate(keys, IdentityName.of("dev1", "mod1"), Duration.ofDays(1));
        IdentityFiles files = write(keys, List.of(cert), null);
        Files.writeString(files.certFile(), "this is not a certificate");

        IdentityException e = assertThrows(IdentityException.class,
                () -> IdentityLoader.load(files, "dev1", "mod1", NOW));
        assertTrue(e.getMessage().startsWith("cert.file") && e.getMessage().contains(files.certFile().toString()),
                e.getMessage());
    }

    @Test
    void namesAWrongPassphraseWithoutShowingIt() throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate cert = SelfSigned.clientCertificate(keys, IdentityName.of("dev1", "mod1"), Duration.ofDays(1));
        IdentityFiles files = write(keys, List.of(cert), "right-one".toCharArray());
        Path passphrase = dir.resolve("pass.txt");
        Files.writeString(passphrase, "wrong-one");

        IdentityException e = assertThrows(IdentityException.class, () -> IdentityLoader.load(
                new IdentityFiles(files.keyFile(), passphrase, files.certFile(), null), "dev1", "mod1", NOW));
        assertTrue(e.getMessage().startsWith("key.file"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-one") || e.getMessage().contains("right-one"), e.getMessage());
    }

    @Test
    void refusesAnEmptyPassphraseFile() throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate cert = SelfSigned.clientCertificate(keys, IdentityName.of("dev1", "mod1"), Duration.ofDays(1));
        IdentityFiles files = write(keys, List.of(cert), null);
        Path passphrase = dir.resolve("empty.txt");
        Files.writeString(passphrase, "\n");

        IdentityException e = assertThrows(IdentityException.class, () -> IdentityLoader.load(
                new IdentityFiles(files.keyFile(), passphrase, files.certFile(), null), "dev1", "mod1", NOW));
        assertEquals("key.passphrase.file " + passphrase + " is empty", e.getMessage());
    }

    private IdentityFiles write(KeyPair keys, List<X509Certificate> chain, char[] passphrase) throws Exception {
        Path key = dir.resolve("module.key.pem");
        Path cert = dir.resolve("module.cert.pem");
        Pem.writePrivateKey(key, keys.getPrivate(), passphrase, true);
        Pem.writeCertificates(cert, chain, true);
        return new IdentityFiles(key, null, cert, null);
    }
}
