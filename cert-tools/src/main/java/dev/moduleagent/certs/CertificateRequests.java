package dev.moduleagent.certs;

import dev.moduleagent.certs.internal.Algorithms;
import java.security.KeyPair;
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
        try {
            ContentSigner signer = new JcaContentSignerBuilder(Algorithms.sha256SignatureAlgorithm(keys.getPrivate()))
                    .build(keys.getPrivate());
            return new JcaPKCS10CertificationRequestBuilder(name.subject(), keys.getPublic()).build(signer);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a request with a " + keys.getPrivate().getAlgorithm() + " key", e);
        }
    }
}
