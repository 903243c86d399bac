package dev.moduleagent.certs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Days left in inspect/verify, and verify's extended key usage rule (no EKU extension = any purpose, RFC 5280). */
class ExpiryAndEkuTest {

    @TempDir
    Path dir;

    private CertificateAuthority ca;
    private Path trust;

    @BeforeEach
    void makeCa() throws Exception {
        ca = CertificateAuthority.createRoot("Test Root", KeyAlgorithm.EC_P256, Duration.ofDays(30));
        trust = dir.resolve("root.pem");
        Pem.writeCertificates(trust, List.of(ca.certificate()), false);
    }

    @Test
    void verifyAcceptsACertificateWithoutEkuExtension() throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate cert = issue(keys, null, Duration.ofDays(10));
        assertNull(cert.getExtendedKeyUsage(), "the test certificate has no EKU extension");
        Path certFile = write("no-eku.pem", cert);
        Path keyFile = dir.resolve("no-eku.key.pem");
        Pem.writePrivateKey(keyFile, keys.getPrivate(), null, false);

        CliRun run = CliRun.run("verify", "--cert", certFile.toString(), "--key", keyFile.toString(), "--trust", trust.toString(),
                "--device", "d1", "--module", "m1");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("ok:     no extended key usage extension"), run.out());
    }

    @Test
    void verifyStillRefusesAnEkuWithoutClientAuth() throws Exception {
        X509Certificate cert = issue(KeyPairs.generate(KeyAlgorithm.EC_P256), KeyPurposeId.id_kp_serverAuth, Duration.ofDays(10));

        CliRun run = CliRun.run("verify", "--cert", write("server-only.pem", cert).toString(), "--trust", trust.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("FAILED: extended key usage lacks clientAuth"), run.err());
    }

    @Test
    void inspectAndVerifyPrintTheDaysLeft() throws Exception {
        Path certFile = write("ten-days.pem", issue(KeyPairs.generate(KeyAlgorithm.EC_P256), KeyPurposeId.id_kp_clientAuth,
                Duration.ofDays(10).plusHours(1)));

        assertTrue(CliRun.run("inspect", certFile.toString()).ok().out().contains("daysLeft:          10"),
                CliRun.run("inspect", certFile.toString()).out());
        assertTrue(CliRun.run("inspect", "--json", certFile.toString()).ok().out().contains("\"daysLeft\": 10"));
        assertTrue(CliRun.run("verify", "--cert", certFile.toString()).ok().out().contains(", 10 days left)"));
    }

    @Test
    void verifySaysHowLongAgoACertificateExpired() throws Exception {
        Path certFile = write("expired.pem", issue(KeyPairs.generate(KeyAlgorithm.EC_P256), KeyPurposeId.id_kp_clientAuth,
                Duration.ofDays(1)));

        CliRun run = CliRun.run("verify", "--cert", certFile.toString(), "--at", Instant.now().plus(Duration.ofDays(4)).toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("has expired at") && run.err().contains(", 3 days ago"), run.err());
    }

    /** A module certificate made with Bouncy Castle directly, so that its extensions are exactly as the test wants. */
    private X509Certificate issue(KeyPair keys, KeyPurposeId purpose, Duration validity) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                new X500Name(ca.certificate().getSubjectX500Principal().getName()), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(60)), Date.from(now.plus(validity)), new X500Name("CN=d1/m1"), keys.getPublic());
        if (purpose != null) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey())));
    }

    private Path write(String name, X509Certificate cert) throws Exception {
        Path file = dir.resolve(name);
        Pem.writeCertificates(file, List.of(cert), false);
        return file;
    }
}
