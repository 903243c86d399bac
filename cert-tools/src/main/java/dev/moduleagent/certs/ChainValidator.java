package dev.moduleagent.certs;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/** PKIX validation of certificate chains (no revocation checks), with one-line reasons for failures. */
@ProviderType
public final class ChainValidator {

    private ChainValidator() {
    }

    /**
     * Validates a leaf-first chain to one of the anchors at the given instant. Certificates in the chain that are
     * themselves anchors (such as a root at its end) are dropped from the path first.
     *
     * @param leafFirstChain the leaf, then its issuers; at least one certificate
     * @param trustAnchors the trusted certificates (roots or intermediates); at least one
     * @param at the instant at which every certificate must be valid
     * @throws CertificateToolException with a one-line reason naming the failing certificate
     */
    public static void validate(List<X509Certificate> leafFirstChain, Collection<X509Certificate> trustAnchors,
                                Instant at) throws CertificateToolException {
        if (leafFirstChain.isEmpty()) {
            throw new CertificateToolException("the chain is empty");
        }
        if (trustAnchors.isEmpty()) {
            throw new CertificateToolException("no trust anchor given");
        }
        List<X509Certificate> path = new ArrayList<>(leafFirstChain);
        while (path.size() > 1 && trustAnchors.contains(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        Set<TrustAnchor> anchors = new HashSet<>();
        trustAnchors.forEach(anchor -> anchors.add(new TrustAnchor(anchor, null)));
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (CertPathValidatorException e) {
            throw new CertificateToolException(describe(e, path), e);
        } catch (GeneralSecurityException e) {
            throw new CertificateToolException("cannot validate the chain (" + e.getMessage() + ")", e);
        }
    }

    private static String describe(CertPathValidatorException e, List<X509Certificate> path) {
        String where = "";
        if (e.getIndex() >= 0 && e.getIndex() < path.size()) {
            where = "certificate " + (e.getIndex() + 1) + " (" + path.get(e.getIndex()).getSubjectX500Principal().getName()
                    + "): ";
        }
        String reason = e.getReason() == CertPathValidatorException.BasicReason.UNSPECIFIED ? ""
                : " [" + e.getReason() + "]";
        String message = e.getMessage() == null ? "validation failed" : e.getMessage().replaceAll("\\s+", " ");
        return "chain does not validate: " + where + message + reason;
    }
}
