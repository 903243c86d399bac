package dev.moduleagent.certs;

import dev.moduleagent.certs.internal.CertificateIssuer;
import dev.moduleagent.certs.internal.CertificateIssuer.Profile;
import dev.moduleagent.certs.internal.CertificateRequest;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.osgi.annotation.versioning.ProviderType;

/** Self-signed certificates: clients for IoT Hub's thumbprint authentication, and plug-in signers. */
@ProviderType
public final class SelfSigned {

    private SelfSigned() {
    }

    /**
     * @param keys the identity's key pair
     * @param name the identity; it becomes the subject and issuer {@code CN=<device>/<module>}
     * @param validity how long from now the certificate is valid
     * @return a self-signed certificate with clientAuth EKU and digitalSignature key usage
     */
    public static X509Certificate clientCertificate(KeyPair keys, IdentityName name, Duration validity) {
        return new CertificateIssuer(name.subject(), keys.getPrivate(), keys.getPublic())
                .issue(CertificateRequest.of(name.subject(), keys.getPublic(), validity, Profile.CLIENT));
    }

    /**
     * @param keys the signer's key pair
     * @param commonName who signs, for example {@code ACME gateway plug-ins}; becomes subject and issuer {@code CN=…}
     * @param validity how long from now the certificate is valid
     * @return a self-signed certificate with codeSigning EKU and digitalSignature key usage, for signing plug-in jars
     */
    public static X509Certificate codeSigningCertificate(KeyPair keys, String commonName, Duration validity) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        return new CertificateIssuer(subject, keys.getPrivate(), keys.getPublic())
                .issue(CertificateRequest.of(subject, keys.getPublic(), validity, Profile.CODE_SIGNING));
    }
}
