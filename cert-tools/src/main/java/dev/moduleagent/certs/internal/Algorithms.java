package dev.moduleagent.certs.internal;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;

/** Picks signature algorithms for keys and describes keys for people. */
public final class Algorithms {

    private Algorithms() {
    }

    /**
     * @param key an EC or RSA key (public or private)
     * @return SHA-384 with ECDSA for keys over 256 bits on EC, otherwise the SHA-256 variant for the key's family
     */
    public static String signatureAlgorithm(Key key) {
        if (key instanceof ECKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        if (key instanceof RSAKey || "RSA".equals(key.getAlgorithm())) {
            return "SHA256withRSA";
        }
        throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
    }

    /**
     * @param key an EC or RSA key
     * @return the SHA-256 signature algorithm for the key's family, as IoT Hub CSRs use
     */
    public static String sha256SignatureAlgorithm(Key key) {
        if (key instanceof ECKey || "EC".equals(key.getAlgorithm())) {
            return "SHA256withECDSA";
        }
        if (key instanceof RSAKey || "RSA".equals(key.getAlgorithm())) {
            return "SHA256withRSA";
        }
        throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
    }

    /**
     * @param key an EC or RSA key
     * @return a short description such as {@code EC P-256} or {@code RSA 2048}
     */
    public static String describe(Key key) {
        if (key instanceof ECKey ec) {
            return "EC P-" + ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof RSAKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        return key.getAlgorithm();
    }
}
