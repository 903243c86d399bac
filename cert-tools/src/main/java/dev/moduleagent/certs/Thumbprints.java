package dev.moduleagent.certs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.osgi.annotation.versioning.ProviderType;

/** Certificate thumbprints as IoT Hub shows and accepts them: the hash of the DER encoding, upper-case hex, no colons. */
@ProviderType
public final class Thumbprints {

    private Thumbprints() {
    }

    /**
     * @param cert a certificate
     * @return SHA-1 over its DER encoding, 40 upper-case hex digits
     */
    public static String sha1(X509Certificate cert) {
        return digest("SHA-1", cert);
    }

    /**
     * @param cert a certificate
     * @return SHA-256 over its DER encoding, 64 upper-case hex digits
     */
    public static String sha256(X509Certificate cert) {
        return digest("SHA-256", cert);
    }

    private static String digest(String algorithm, X509Certificate cert) {
        try {
            byte[] hash = MessageDigest.getInstance(algorithm).digest(cert.getEncoded());
            return HexFormat.of().withUpperCase().formatHex(hash);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute the " + algorithm + " thumbprint", e);
        }
    }
}
