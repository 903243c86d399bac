package dev.moduleagent.runtime.check;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Checks the links of the module's own certificate chain (cert.file): each certificate is issued and signed by the
 * next one, and every issuer is valid now. Whether IoT Hub trusts the chain's top is the hub's business (thumbprint
 * or verified CA); this check only catches a chain assembled from the wrong files.
 */
final class CertificateChains {

    private CertificateChains() {
    }

    static CheckLine check(List<X509Certificate> chain, Instant now) throws CheckFailure {
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate child = chain.get(i);
            X509Certificate issuer = chain.get(i + 1);
            if (!child.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                throw new CheckFailure("chain", "certificate " + (i + 1) + " (" + child.getSubjectX500Principal()
                        + ") is issued by " + child.getIssuerX500Principal() + ", but certificate " + (i + 2)
                        + " is " + issuer.getSubjectX500Principal() + " (cert.file must be leaf first, then its issuers)");
            }
            verify(child, issuer, i);
            if (now.isAfter(issuer.getNotAfter().toInstant()) || now.isBefore(issuer.getNotBefore().toInstant())) {
                throw new CheckFailure("chain", "issuer certificate " + issuer.getSubjectX500Principal()
                        + " is not valid now (" + issuer.getNotBefore().toInstant() + " to "
                        + issuer.getNotAfter().toInstant() + ")");
            }
        }
        return CheckLine.ok("chain", summary(chain));
    }

    private static void verify(X509Certificate child, X509Certificate issuer, int index) throws CheckFailure {
        try {
            child.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CheckFailure("chain", "certificate " + (index + 1) + " (" + child.getSubjectX500Principal()
                    + ") is not signed by the key of " + issuer.getSubjectX500Principal(), e);
        }
    }

    private static String summary(List<X509Certificate> chain) {
        X509Certificate top = chain.get(chain.size() - 1);
        if (chain.size() == 1 && top.getIssuerX500Principal().equals(top.getSubjectX500Principal())) {
            return "self-signed (registered in the hub by thumbprint)";
        }
        return chain.size() + " certificate(s), each signed by the next; the top is issued by "
                + top.getIssuerX500Principal() + " (registered in the hub as a verified CA)";
    }
}
