package dev.moduleagent.certs;

import dev.moduleagent.certs.internal.Algorithms;
import dev.moduleagent.certs.internal.PublicKeyDerivation;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import org.osgi.annotation.versioning.ProviderType;

/** Generates key pairs and tells whether a private key belongs to a certificate. */
@ProviderType
public final class KeyPairs {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyPairs() {
    }

    /**
     * Generates a new key pair with the JDK's providers (so the keys work with JSSE as they are).
     *
     * @param algorithm the key type
     * @return a fresh key pair
     */
    public static KeyPair generate(KeyAlgorithm algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.family());
            if (algorithm.curve() != null) {
                generator.initialize(new ECGenParameterSpec(algorithm.curve()), RANDOM);
            } else {
                generator.initialize(algorithm.bits(), RANDOM);
            }
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("this JDK cannot generate " + algorithm.label() + " keys", e);
        }
    }

    /**
     * Rebuilds the key pair of a private key read from a file (the public key is recomputed).
     *
     * @param key an EC or RSA (CRT) private key
     * @return the key pair
     * @throws CertificateToolException when the key type is not supported
     */
    public static KeyPair fromPrivate(PrivateKey key) throws CertificateToolException {
        try {
            return new KeyPair(PublicKeyDerivation.derive(key), key);
        } catch (GeneralSecurityException e) {
            throw new CertificateToolException("unsupported private key (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Tells whether {@code key} is the private half of the certificate's public key, by signing a random challenge
     * and verifying it with the certificate's key.
     *
     * @param key a private key
     * @param cert a certificate
     * @return true when they belong together; false when they do not, or are of different types
     */
    public static boolean matches(PrivateKey key, X509Certificate cert) {
        return matches(key, cert.getPublicKey());
    }

    /**
     * @param key a private key
     * @param publicKey a public key
     * @return true when they form a key pair
     */
    public static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!family(key.getAlgorithm()).equals(family(publicKey.getAlgorithm()))) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            String algorithm = Algorithms.signatureAlgorithm(publicKey);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Bouncy Castle names an EC key {@code ECDSA}, the JDK {@code EC}; a PEM key is Bouncy Castle's once its provider
     * is registered in the JVM (Proton-J, the device SDK's AMQP engine, registers it when it sets up TLS).
     */
    private static String family(String algorithm) {
        return "ECDSA".equals(algorithm) ? "EC" : algorithm;
    }
}
