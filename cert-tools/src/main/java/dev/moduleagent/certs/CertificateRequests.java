package dev.moduleagent.certs;

import dev.moduleagent.certs.internal.Algorithms;
import dev.moduleagent.certs.internal.Names;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.osgi.annotation.versioning.ProviderType;

/** Creates PKCS#10 requests for IoT Hub identities. */
@ProviderType
public final class CertificateRequests {

    private CertificateRequests() {
    }

    /**
     * @param keys the identity's key pair (EC or RSA)
     * @param name the identity; the subject is {@code CN=<device>/<module>} exactly as openssl's {@code -subj} makes it
     * @return a request signed with SHA256withECDSA or SHA256withRSA, with no attributes
     */
    public static PKCS10CertificationRequest create(KeyPair keys, IdentityName name) {
        return create(keys, name.subject());
    }

    /**
     * A request to renew a certificate (EST {@code simplereenroll}): the subject is the current certificate's,
     * byte for byte, as RFC 7030 requires.
     *
     * @param keys the key pair of the new certificate (may be the current one)
     * @param current the certificate being renewed
     * @return a request signed with SHA256withECDSA or SHA256withRSA, with no attributes
     */
    public static PKCS10CertificationRequest renewal(KeyPair keys, X509Certificate current) {
        return create(keys, Names.subjectOf(current));
    }

    private static PKCS10CertificationRequest create(KeyPair keys, X500Name subject) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(Algorithms.sha256SignatureAlgorithm(keys.getPrivate()))
                    .build(keys.getPrivate());
            return new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic()).build(signer);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a request with a " + keys.getPrivate().getAlgorithm() + " key", e);
        }
    }
}
