package dev.moduleagent.localhub.internal.identity;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** Reads one certificate sent over the service API: PEM text, or base64 DER as IoT Hub also accepts. */
public final class CertificateParsing {

    /** A bound on an uploaded certificate. */
    public static final int MAX_LENGTH = 32 * 1024;

    private CertificateParsing() {
    }

    public static X509Certificate parse(String text) throws CertificateException {
        if (text == null || text.isBlank()) {
            throw new CertificateException("no certificate given");
        }
        if (text.length() > MAX_LENGTH) {
            throw new CertificateException("certificate text longer than " + MAX_LENGTH + " characters");
        }
        byte[] bytes;
        if (text.contains("-----BEGIN")) {
            bytes = text.getBytes(StandardCharsets.US_ASCII);
        } else {
            try {
                bytes = Base64.getMimeDecoder().decode(text.trim());
            } catch (IllegalArgumentException e) {
                throw new CertificateException("certificate is neither PEM nor base64 DER");
            }
        }
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(bytes));
    }
}
