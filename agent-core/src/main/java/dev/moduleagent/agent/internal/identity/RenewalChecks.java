package dev.moduleagent.agent.internal.identity;

import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a renewal checks itself, whatever the EST client already did: the new key's type and the issued chain. */
final class RenewalChecks {

    private RenewalChecks() {
    }

    /**
     * @param current the current certificate's public key
     * @return the same algorithm and size (EC P-256/P-384, RSA 2048/3072/4096; other sizes: the next larger)
     */
    static KeyAlgorithm sameAlgorithm(PublicKey current) {
        if (current instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() > 256 ? KeyAlgorithm.EC_P384 : KeyAlgorithm.EC_P256;
        }
        if (current instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits > 3072 ? KeyAlgorithm.RSA_4096 : bits > 2048 ? KeyAlgorithm.RSA_3072 : KeyAlgorithm.RSA_2048;
        }
        throw new IllegalArgumentException("the current key is " + current.getAlgorithm() + ", not EC or RSA");
    }

    /**
     * @param chain what the EST server returned, leaf first
     * @param keys the key pair the request was for
     * @param expected the module's identity
     * @param now the time
     * @return empty when the chain may be used, else why not (one line)
     */
    static Optional<String> refusal(List<X509Certificate> chain, KeyPair keys, IdentityName expected, Instant now) {
        if (chain.isEmpty()) {
            return Optional.of("the EST server returned no certificate");
        }
        X509Certificate leaf = chain.get(0);
        Optional<IdentityName> name = IdentityName.fromCertificate(leaf);
        if (name.isEmpty() || !name.get().commonName().equals(expected.commonName())) {
            return Optional.of("the EST server issued a certificate for '" + leaf.getSubjectX500Principal().getName()
                    + "', not CN=" + expected.commonName());
        }
        if (!KeyPairs.matches(keys.getPrivate(), leaf)) {
            return Optional.of("the EST server issued a certificate for another public key");
        }
        if (now.isAfter(leaf.getNotAfter().toInstant()) || now.isBefore(leaf.getNotBefore().toInstant())) {
            return Optional.of("the issued certificate is not valid now (" + leaf.getNotBefore().toInstant() + " to "
                    + leaf.getNotAfter().toInstant() + ")");
        }
        return Optional.empty();
    }

    /**
     * @param leaf a certificate
     * @return whether it is self-signed (thumbprint registration: the hub holds its thumbprint, EST cannot renew it)
     */
    static boolean selfSigned(X509Certificate leaf) {
        if (!leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return false;
        }
        try {
            leaf.verify(leaf.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
