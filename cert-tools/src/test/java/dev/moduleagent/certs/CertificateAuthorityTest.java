package dev.moduleagent.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    @TempDir
    Path dir;

    @Test
    void signsAClientLeafThatValidatesThroughRootAndIntermediate() throws Exception {
        CertificateAuthority root = CertificateAuthority.createRoot("Test Root", KeyAlgorithm.EC_P384, Duration.ofDays(30));
        CertificateAuthority intermediate = root.createIntermediate("Test Intermediate", KeyAlgorithm.RSA_2048,
                Duration.ofDays(10));
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        PKCS10CertificationRequest csr = CertificateRequests.create(keys, IdentityName.of("device01", "module01"));

        X509Certificate leaf = intermediate.signClient(csr, Duration.ofDays(1));

        assertEquals(List.of(intermediate.certificate(), root.certificate()), intermediate.chain());
        assertEquals(keys.getPublic(), leaf.getPublicKey());
        assertEquals("CN=device01/module01", leaf.getSubjectX500Principal().getName());
        assertEquals(List.of(CLIENT_AUTH), leaf.getExtendedKeyUsage());
        assertTrue(leaf.getKeyUsage()[0], "digitalSignature");
        assertEquals(-1, leaf.getBasicConstraints());
        assertEquals(0, intermediate.certificate().getBasicConstraints());
        assertSerialIsRandom159BitPositive(leaf.getSerialNumber());
        assertTrue(leaf.getNotBefore().toInstant().isBefore(Instant.now().minusSeconds(30)), "back-dated");
        List<X509Certificate> chain = List.of(leaf, intermediate.certificate(), root.certificate());
        ChainValidator.validate(chain, List.of(root.certificate()), Instant.now());
    }

    @Test
    void refusesToSignACsrWhoseCnIsNotAnIdentity() throws Exception {
        CertificateAuthority root = CertificateAuthority.createRoot("Root", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=bad id/m"),
                keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));

        CertificateToolException e = assertThrows(CertificateToolException.class,
                () -> root.signClient(csr, Duration.ofDays(1)));
        assertTrue(e.getMessage().contains("' ' (space)"), e.getMessage());
    }

    @Test
    void signsServerCertificatesWithIpAndDnsAlternativeNames() throws Exception {
        CertificateAuthority root = CertificateAuthority.createRoot("Root", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);

        X509Certificate server = root.signServer(keys.getPublic(), "127.0.0.2", List.of("127.0.0.2", "hub.local", "::1"),
                Duration.ofDays(1));

        Collection<List<?>> names = server.getSubjectAlternativeNames();
        assertTrue(names.contains(List.of(7, "127.0.0.2")), names.toString());
        assertTrue(names.contains(List.of(2, "hub.local")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.get(0).equals(7) && n.get(1).toString().startsWith("0:0:0:0")),
                names.toString());
        assertEquals(List.of(SERVER_AUTH), server.getExtendedKeyUsage());
        ChainValidator.validate(List.of(server), List.of(root.certificate()), Instant.now());
    }

    @Test
    void makesAVerificationCertificateWithTheCodeAsCn() throws Exception {
        CertificateAuthority root = CertificateAuthority.createRoot("Root", KeyAlgorithm.EC_P256, Duration.ofDays(1));

        X509Certificate proof = root.verificationCertificate("0A1B2C3D4E5F", Duration.ofHours(1));

        assertEquals("CN=0A1B2C3D4E5F", proof.getSubjectX500Principal().getName());
        proof.verify(root.certificate().getPublicKey());
    }

    @Test
    void savesAndLoadsWithAnEncryptedKey() throws Exception {
        CertificateAuthority root = CertificateAuthority.createRoot("Root", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        CertificateAuthority intermediate = root.createIntermediate("Inter", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        char[] passphrase = "s3cret".toCharArray();

        intermediate.save(dir, passphrase, false);
        CertificateAuthority loaded = CertificateAuthority.load(dir, passphrase);

        assertEquals(intermediate.chain(), loaded.chain());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(CertificateAuthority.KEY_FILE))));
        assertThrows(CertificateToolException.class, () -> intermediate.save(dir, passphrase, false));
        assertThrows(CertificateToolException.class, () -> CertificateAuthority.load(dir, "nope".toCharArray()));
    }

    @Test
    void refusesToLoadAKeyThatDoesNotMatch() throws Exception {
        CertificateAuthority a = CertificateAuthority.createRoot("A", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        CertificateAuthority b = CertificateAuthority.createRoot("B", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        a.save(dir, null, false);
        Pem.writePrivateKey(dir.resolve(CertificateAuthority.KEY_FILE), b.privateKey(), null, true);

        CertificateToolException e = assertThrows(CertificateToolException.class, () -> CertificateAuthority.load(dir, null));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    private static void assertSerialIsRandom159BitPositive(BigInteger serial) {
        assertTrue(serial.signum() > 0);
        assertTrue(serial.bitLength() <= 159, "bits: " + serial.bitLength());
    }
}
