package dev.moduleagent.certs;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.osgi.annotation.versioning.ProviderType;

/** The key types cert-tools generates: EC on the NIST curves P-256 and P-384, and RSA of 2048, 3072 or 4096 bits. */
@ProviderType
public enum KeyAlgorithm {
    /** EC on secp256r1 (prime256v1); the default. */
    EC_P256("EC", 256, "secp256r1", "ec-p256"),
    /** EC on secp384r1. */
    EC_P384("EC", 384, "secp384r1", "ec-p384"),
    /** RSA with a 2048-bit modulus. */
    RSA_2048("RSA", 2048, null, "rsa-2048"),
    /** RSA with a 3072-bit modulus. */
    RSA_3072("RSA", 3072, null, "rsa-3072"),
    /** RSA with a 4096-bit modulus. */
    RSA_4096("RSA", 4096, null, "rsa-4096");

    private final String family;
    private final int bits;
    private final String curve;
    private final String label;

    KeyAlgorithm(String family, int bits, String curve, String label) {
        this.family = family;
        this.bits = bits;
        this.curve = curve;
        this.label = label;
    }

    /**
     * Parses a user's spelling: {@code ec-p256}, {@code p256}, {@code ec_p256}, {@code rsa2048}, {@code rsa-2048},
     * {@code RSA_2048}, case-insensitive.
     *
     * @param text the user's text, not null
     * @return the algorithm
     * @throws CertificateToolException naming the text and the accepted values when it is not one of them
     */
    public static KeyAlgorithm parse(String text) throws CertificateToolException {
        String compact = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replaceAll("[-_ ]", "");
        for (KeyAlgorithm algorithm : values()) {
            String name = algorithm.label.replace("-", "");
            if (compact.equals(name) || (algorithm.curve != null && compact.equals(name.substring(2)))) {
                return algorithm;
            }
        }
        throw new CertificateToolException("unknown key algorithm '" + text + "' (expected one of "
                + Arrays.stream(values()).map(KeyAlgorithm::label).collect(Collectors.joining(", ")) + ")");
    }

    /** @return the JCA key algorithm name, {@code EC} or {@code RSA} */
    public String family() {
        return family;
    }

    /** @return the key size in bits (curve size for EC, modulus size for RSA) */
    public int bits() {
        return bits;
    }

    /** @return the JCA curve name for EC ({@code secp256r1}, {@code secp384r1}), null for RSA */
    public String curve() {
        return curve;
    }

    /** @return the canonical spelling used on the command line, e.g. {@code ec-p256} */
    public String label() {
        return label;
    }
}
