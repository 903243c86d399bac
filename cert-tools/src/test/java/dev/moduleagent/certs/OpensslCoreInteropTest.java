package dev.moduleagent.certs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's output against the machine's openssl, and openssl's output against the library. */
class OpensslCoreInteropTest {

    @TempDir
    Path dir;

    @Test
    void csrSubjectIsDerIdenticalToOpensslSubjOption() throws Exception {
        OpensslProcess.ok(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "d1m1.key.pem");
        OpensslProcess.ok(dir, "req", "-new", "-key", "d1m1.key.pem", "-out", "d1m1.csr", "-subj", "/CN=device01\\/module01");
        PKCS10CertificationRequest theirs = Pem.readCsr(dir.resolve("d1m1.csr"));

        assertArrayEquals(theirs.getSubject().getEncoded(), IdentityName.of("device01", "module01").subject().getEncoded());
    }

    @Test
    void thumbprintsEqualOpensslFingerprints() throws Exception {
        X509Certificate cert = SelfSigned.clientCertificate(KeyPairs.generate(KeyAlgorithm.EC_P256),
                IdentityName.of("device01", "module01"), Duration.ofDays(1));
        Pem.writeCertificates(dir.resolve("c.pem"), List.of(cert), false);

        assertEquals(fingerprint("-sha1"), Thumbprints.sha1(cert));
        assertEquals(fingerprint("-sha256"), Thumbprints.sha256(cert));
    }

    @Test
    void opensslReadsOurEncryptedKeyWithTheSamePassphrase() throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.RSA_2048);
        Pem.writePrivateKey(dir.resolve("enc.key.pem"), keys.getPrivate(), "pa ss".toCharArray(), false);
        Files.writeString(dir.resolve("pass.txt"), "pa ss\n");

        OpensslProcess.ok(dir, "pkey", "-in", "enc.key.pem", "-passin", "file:pass.txt", "-out", "plain.key.pem");

        assertArrayEquals(keys.getPrivate().getEncoded(), Pem.readPrivateKey(dir.resolve("plain.key.pem"), null).getEncoded());
        assertTrue(OpensslProcess.run(dir, "pkey", "-in", "enc.key.pem", "-passin", "pass:wrong", "-noout").exitCode() != 0);
    }

    @Test
    void readsTraditionalAndEncryptedKeysWrittenByOpenssl() throws Exception {
        OpensslProcess.ok(dir, "ecparam", "-name", "prime256v1", "-genkey", "-out", "sec1.key.pem");
        OpensslProcess.ok(dir, "genrsa", "-traditional", "-out", "pkcs1.key.pem", "2048");
        OpensslProcess.ok(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-aes-256-cbc",
                "-pass", "pass:secret", "-out", "enc.key.pem");

        assertEquals("EC", Pem.readPrivateKey(dir.resolve("sec1.key.pem"), null).getAlgorithm());
        assertEquals("RSA", Pem.readPrivateKey(dir.resolve("pkcs1.key.pem"), null).getAlgorithm());
        assertEquals("RSA", Pem.readPrivateKey(dir.resolve("enc.key.pem"), "secret".toCharArray()).getAlgorithm());
    }

    private String fingerprint(String digest) throws Exception {
        String out = OpensslProcess.ok(dir, "x509", "-in", "c.pem", "-noout", "-fingerprint", digest).trim();
        return out.substring(out.indexOf('=') + 1).replace(":", "");
    }
}
