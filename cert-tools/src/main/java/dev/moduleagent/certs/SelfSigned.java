package dev.moduleagent.certs;

import dev.moduleagent.certs.internal.CertificateIssuer;
import dev.moduleagent.certs.internal.CertificateIssuer.Profile;
import dev.moduleagent.certs.internal.CertificateRequest;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/** Self-signed client certificates, for IoT Hub's thumbprint authentication. */
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
}
