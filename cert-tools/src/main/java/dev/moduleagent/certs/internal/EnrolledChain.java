package dev.moduleagent.certs.internal;

import dev.moduleagent.certs.EstException;
import dev.moduleagent.certs.EstException.Reason;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.Store;

/**
 * Orders what an EST server returned into a leaf-first chain (the certificate for the requested key, then its issuers
 * found in the reply, without a self-signed root) and refuses a certificate that is not the one requested.
 */
public final class EnrolledChain {

    private EnrolledChain() {
    }

    /**
     * @param store the certificates of the PKCS#7 reply
     * @param csr the request that was sent
     * @param where the operation and server, for messages
     * @return the leaf (same subject and public key as the request) followed by its issuers from the reply
     * @throws EstException {@link Reason#MALFORMED_RESPONSE} when the reply holds no readable certificate,
     *         {@link Reason#MISMATCH} when no certificate is for the requested key or its subject differs
     */
    public static List<X509Certificate> of(Store<X509CertificateHolder> store, PKCS10CertificationRequest csr, String where)
            throws EstException {
        Collection<X509CertificateHolder> holders = store == null ? List.of() : store.getMatches(null);
        if (holders.isEmpty()) {
            throw EstFailures.malformed(where, "it holds no certificate", null);
        }
        X509CertificateHolder leaf = holders.stream()
                .filter(h -> h.getSubjectPublicKeyInfo().equals(csr.getSubjectPublicKeyInfo())).findFirst()
                .orElseThrow(() -> new EstException(Reason.MISMATCH, 200, where + ": the returned certificate ("
                        + subjects(holders) + ") is not for the requested public key; refused", null));
        if (!leaf.getSubject().equals(csr.getSubject())) {
            throw new EstException(Reason.MISMATCH, 200, where + ": the returned certificate is for " + leaf.getSubject()
                    + ", not the requested " + csr.getSubject() + "; refused", null);
        }
        List<X509CertificateHolder> ordered = new ArrayList<>();
        ordered.add(leaf);
        X509CertificateHolder current = leaf;
        while (ordered.size() < holders.size() && !isSelfIssued(current)) {
            X500Name issuer = current.getIssuer();
            X509CertificateHolder next = holders.stream()
                    .filter(h -> h.getSubject().equals(issuer) && !ordered.contains(h)).findFirst().orElse(null);
            if (next == null || isSelfIssued(next)) {
                break;
            }
            ordered.add(next);
            current = next;
        }
        return convert(ordered, where);
    }

    /**
     * @param holders certificates as BC holds them
     * @param where the operation and server, for messages
     * @return the same certificates as JCA objects
     * @throws EstException {@link Reason#MALFORMED_RESPONSE} when one cannot be read
     */
    public static List<X509Certificate> convert(Collection<X509CertificateHolder> holders, String where) throws EstException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (X509CertificateHolder holder : holders) {
                certificates.add(converter.getCertificate(holder));
            }
        } catch (CertificateException e) {
            throw EstFailures.malformed(where, "a certificate is unreadable: " + PemCodec.oneLine(e), e);
        }
        return certificates;
    }

    private static boolean isSelfIssued(X509CertificateHolder holder) {
        return holder.getSubject().equals(holder.getIssuer());
    }

    private static String subjects(Collection<X509CertificateHolder> holders) {
        return String.join(", ", holders.stream().map(h -> h.getSubject().toString()).toList());
    }
}
