package dev.moduleagent.localhub.internal.est;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** The two EST payloads: a base64 PKCS#10 request in, a base64 PKCS#7 certs-only message out (RFC 7030 4.2). */
final class EstMessages {

    private EstMessages() {
    }

    /**
     * @param body the request body: base64 (RFC 7030), whitespace allowed; PEM armour is tolerated
     * @return the request (its signature is not checked here)
     * @throws IllegalArgumentException with a one-line reason when it is not a base64 PKCS#10 request
     */
    static PKCS10CertificationRequest decodeCsr(byte[] body) {
        String text = new String(body, StandardCharsets.US_ASCII)
            .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s+", "");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty request body: expected a base64 PKCS#10 request");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the request body is not base64 (RFC 7030 wants a base64 PKCS#10 request)");
        }
        try {
            return new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the request body is not a PKCS#10 request");
        }
    }

    /** @return the certificates as a base64 (MIME lines) degenerate PKCS#7 SignedData, certs-only */
    static byte[] certsOnly(List<X509Certificate> certificates) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new JcaCertStore(certificates));
            byte[] der = generator.generate(new CMSAbsentContent()).getEncoded();
            return Base64.getMimeEncoder(64, "\r\n".getBytes(StandardCharsets.US_ASCII)).encode(der);
        } catch (CertificateEncodingException | CMSException | IOException e) {
            throw new IllegalStateException("cannot encode a PKCS#7 certs-only message", e);
        }
    }
}
