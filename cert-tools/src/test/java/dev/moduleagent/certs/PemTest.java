package dev.moduleagent.certs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "EC_P384", "RSA_2048"})
    void roundTripsUnencryptedKeysWithMode0600(KeyAlgorithm algorithm) throws Exception {
        KeyPair keys = KeyPairs.generate(algorithm);
        Path file = dir.resolve("k.key.pem");

        Pem.writePrivateKey(file, keys.getPrivate(), null, false);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertArrayEquals(keys.getPrivate().getEncoded(), Pem.readPrivateKey(file, null).getEncoded());
    }

    @Test
    void roundTripsEncryptedKeysAndRejectsAWrongPassphrase() throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        Path file = dir.resolve("enc.key.pem");

        Pem.writePrivateKey(file, keys.getPrivate(), "correct horse".toCharArray(), false);

        assertTrue(Files.readString(file).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assertArrayEquals(keys.getPrivate().getEncoded(),
                Pem.readPrivateKey(file, "correct horse".toCharArray()).getEncoded());
        CertificateToolException wrong = assertThrows(CertificateToolException.class,
                () -> Pem.readPrivateKey(file, "wrong".toCharArray()));
        assertTrue(wrong.getMessage().startsWith(file + ": wrong passphrase"), wrong.getMessage());
        CertificateToolException none = assertThrows(CertificateToolException.class, () -> Pem.readPrivateKey(file, null));
        assertTrue(none.getMessage().contains("encrypted"), none.getMessage());
    }

    @Test
    void refusesToOverwriteUnlessAskedAndLeavesTheOldFile() throws Exception {
        Path file = dir.resolve("k.key.pem");
        Files.writeString(file, "old");

        CertificateToolException e = assertThrows(CertificateToolException.class,
                () -> Pem.writePrivateKey(file, KeyPairs.generate(KeyAlgorithm.EC_P256).getPrivate(), null, false));

        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("old", Files.readString(file));
        Pem.writePrivateKey(file, KeyPairs.generate(KeyAlgorithm.EC_P256).getPrivate(), null, true);
        assertTrue(Files.readString(file).contains("PRIVATE KEY"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void roundTripsCertificateChainsInOrderAndReadsDer() throws Exception {
        CertificateAuthority root = CertificateAuthority.createRoot("root", KeyAlgorithm.EC_P256, Duration.ofDays(2));
        CertificateAuthority intermediate = root.createIntermediate("inter", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        Path pem = dir.resolve("chain.pem");
        Path der = dir.resolve("root.der");

        Pem.writeCertificates(pem, intermediate.chain(), false);
        Files.write(der, root.certificate().getEncoded());

        assertEquals(intermediate.chain(), Pem.readCertificates(pem));
        assertEquals(List.of(root.certificate()), Pem.readCertificates(der));
        assertEquals(intermediate.chain(), Pem.parseCertificates(Pem.toPem(intermediate.chain())));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(pem)));
    }

    @Test
    void roundTripsCsrsWithVerifiedSignature() throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.RSA_2048);
        PKCS10CertificationRequest csr = CertificateRequests.create(keys, IdentityName.of("device01", "module01"));
        Path file = dir.resolve("m.csr");

        Pem.writeCsr(file, csr, false);

        PKCS10CertificationRequest read = Pem.readCsr(file);
        assertArrayEquals(csr.getEncoded(), read.getEncoded());
        Path der = dir.resolve("m.csr.der");
        Files.write(der, csr.getEncoded());
        assertArrayEquals(csr.getEncoded(), Pem.readCsr(der).getEncoded());
    }

    @Test
    void rejectsACsrWhoseSignatureWasTamperedWith() throws Exception {
        PKCS10CertificationRequest csr = CertificateRequests.create(KeyPairs.generate(KeyAlgorithm.EC_P256),
                IdentityName.of("device01", "module01"));
        byte[] der = csr.getEncoded();
        der[der.length - 3] ^= 0x01;
        Path file = dir.resolve("bad.csr");
        Files.write(file, der);

        assertThrows(CertificateToolException.class, () -> Pem.readCsr(file));
    }

    @Test
    void namesTheFileForMissingAndMalformedInput() throws Exception {
        Path missing = dir.resolve("missing.pem");
        Path malformed = dir.resolve("malformed.pem");
        Files.writeString(malformed, "-----BEGIN CERTIFICATE-----\nnot base64 !!!\n-----END CERTIFICATE-----\n",
                StandardCharsets.US_ASCII);

        CertificateToolException noFile = assertThrows(CertificateToolException.class, () -> Pem.readCertificates(missing));
        CertificateToolException bad = assertThrows(CertificateToolException.class, () -> Pem.readCertificates(malformed));
        CertificateToolException noKey = assertThrows(CertificateToolException.class, () -> Pem.readPrivateKey(malformed, null));

        assertEquals(missing + ": no such file", noFile.getMessage());
        assertTrue(bad.getMessage().startsWith(malformed + ": "), bad.getMessage());
        assertTrue(noKey.getMessage().startsWith(malformed + ": "), noKey.getMessage());
        assertFalse(bad.getMessage().contains("\n"));
    }

    @Test
    void writesTheCertificateThatWasRead() throws Exception {
        X509Certificate cert = SelfSigned.clientCertificate(KeyPairs.generate(KeyAlgorithm.EC_P384),
                IdentityName.of("d", "m"), Duration.ofDays(1));
        assertEquals(List.of(cert), Pem.parseCertificates(Pem.toPem(cert)));
    }
}
