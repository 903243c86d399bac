package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.Thumbprints;
import dev.moduleagent.certs.internal.Algorithms;
import dev.moduleagent.certs.internal.IdentityRules;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/** What {@code inspect} reports about certificates, requests, keys and chains, as ordered fields. */
final class CertificateFacts {

    private static final Map<String, String> PURPOSES = Map.of(
            "1.3.6.1.5.5.7.3.1", "serverAuth", "1.3.6.1.5.5.7.3.2", "clientAuth", "1.3.6.1.5.5.7.3.3", "codeSigning",
            "1.3.6.1.5.5.7.3.4", "emailProtection", "1.3.6.1.5.5.7.3.8", "timeStamping",
            "1.3.6.1.5.5.7.3.9", "OCSPSigning", "2.5.29.37.0", "anyExtendedKeyUsage");

    private CertificateFacts() {
    }

    /** @return subject, issuer, serial, validity, key, CA flag, EKU, thumbprints, self-signed, identity */
    static Map<String, Object> certificate(X509Certificate cert, Instant now) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("type", "certificate");
        facts.put("subject", cert.getSubjectX500Principal().getName());
        facts.put("issuer", cert.getIssuerX500Principal().getName());
        facts.put("serial", cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
        facts.put("notBefore", cert.getNotBefore().toInstant().toString());
        facts.put("notAfter", cert.getNotAfter().toInstant().toString());
        facts.put("validNow", !now.isBefore(cert.getNotBefore().toInstant()) && !now.isAfter(cert.getNotAfter().toInstant()));
        facts.put("daysLeft", Expiry.daysLeft(cert, now));
        facts.put("key", Algorithms.describe(cert.getPublicKey()));
        facts.put("ca", cert.getBasicConstraints() >= 0);
        facts.put("extendedKeyUsage", purposes(cert));
        facts.put("sha1", Thumbprints.sha1(cert));
        facts.put("sha256", Thumbprints.sha256(cert));
        facts.put("selfSigned", cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()));
        identity(facts, X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()));
        return facts;
    }

    /** @return subject, key and identity of a request whose signature was verified when it was read */
    static Map<String, Object> request(PKCS10CertificationRequest csr) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("type", "certificate request");
        facts.put("subject", csr.getSubject().toString());
        try {
            facts.put("key", Algorithms.describe(new JcaPKCS10CertificationRequest(csr).getPublicKey()));
        } catch (GeneralSecurityException e) {
            facts.put("key", "unsupported (" + e.getMessage() + ")");
        }
        facts.put("signature", "verified");
        identity(facts, csr.getSubject());
        return facts;
    }

    /** @return the type and size of a private key (never its value) */
    static Map<String, Object> key(PrivateKey key) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("type", "private key");
        facts.put("key", Algorithms.describe(key));
        return facts;
    }

    /** @return what can be said of an encrypted key without its passphrase */
    static Map<String, Object> encryptedKey() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("type", "private key");
        facts.put("key", "encrypted (give --passphrase-file or --passphrase-env to see its type)");
        return facts;
    }

    /** @return problems of a leaf-first chain's order: each certificate must be issued (and signed) by the next */
    static List<String> chainProblems(List<X509Certificate> chain) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate cert = chain.get(i);
            X509Certificate next = chain.get(i + 1);
            if (!cert.getIssuerX500Principal().equals(next.getSubjectX500Principal()) || !signedBy(cert, next)) {
                problems.add("certificate " + (i + 1) + " is not issued by certificate " + (i + 2));
            }
        }
        return problems;
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void identity(Map<String, Object> facts, X500Name subject) {
        try {
            IdentityName name = IdentityName.parseCommonName(IdentityRules.commonName(subject));
            facts.put("identity", name.commonName());
            facts.put("identityKind", name.isModule() ? "module" : "device");
        } catch (CertificateToolException e) {
            facts.put("identity", null);
            facts.put("identityProblem", e.getMessage());
        }
    }

    private static List<String> purposes(X509Certificate cert) {
        try {
            List<String> oids = cert.getExtendedKeyUsage();
            List<String> names = new ArrayList<>();
            for (String oid : oids == null ? List.<String>of() : oids) {
                names.add(PURPOSES.getOrDefault(oid, oid));
            }
            return names;
        } catch (CertificateParsingException e) {
            return List.of("unreadable");
        }
    }
}
