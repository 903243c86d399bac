package dev.moduleagent.certs.internal;

import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * What a {@link CertificateIssuer} is asked to certify.
 *
 * @param subject the subject name
 * @param publicKey the subject's public key
 * @param validity how long from now the certificate is valid
 * @param profile what the certificate is for
 * @param subjectAltNames DNS names or IP literals (server profile only), never null
 */
public record CertificateRequest(X500Name subject, PublicKey publicKey, Duration validity,
                                 CertificateIssuer.Profile profile, List<String> subjectAltNames) {

    /**
     * @param subject the subject name
     * @param publicKey the subject's public key
     * @param validity how long from now the certificate is valid
     * @param profile what the certificate is for
     * @return a request without subject alternative names
     */
    public static CertificateRequest of(X500Name subject, PublicKey publicKey, Duration validity,
                                        CertificateIssuer.Profile profile) {
        return new CertificateRequest(subject, publicKey, validity, profile, List.of());
    }
}
