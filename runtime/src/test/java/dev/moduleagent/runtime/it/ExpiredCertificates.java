package dev.moduleagent.runtime.it;

import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyPairs;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates whose validity ended yesterday: cert-tools only issues certificates that start now. */
final class ExpiredCertificates {

    private ExpiredCertificates() {
    }

    static X509Certificate selfSigned(PrivateKey key, IdentityName identity) throws Exception {
        X500Name name = identity.subject();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(30))), Date.from(now.minus(Duration.ofDays(1))), name,
                KeyPairs.fromPrivate(key).getPublic());
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }
}
