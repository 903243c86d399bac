package dev.moduleagent.certs.internal;

import dev.moduleagent.certs.CertificateToolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/** Turns certificates and CSRs into PEM text and back; accepts DER where a single binary object is expected. */
public final class PemCodec {

    private PemCodec() {
    }

    /**
     * @param objects certificates, CSRs or {@link PemObjectGenerator}s, written in order
     * @return the PEM text
     */
    public static String encode(List<?> objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                if (object instanceof PemObjectGenerator generator) {
                    writer.writeObject(generator);
                } else {
                    writer.writeObject(object);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode PEM", e);
        }
        return text.toString();
    }

    /**
     * @param bytes file content
     * @return true when it looks like PEM text (a {@code -----BEGIN} line)
     */
    public static boolean isPem(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII).contains("-----BEGIN ");
    }

    /**
     * @param bytes PEM (any number of CERTIFICATE blocks, other blocks skipped) or DER (one certificate or PKCS#7)
     * @param source names the input in messages
     * @return the certificates in input order
     * @throws CertificateToolException when the input is malformed or holds no certificate
     */
    public static List<X509Certificate> decodeCertificates(byte[] bytes, String source) throws CertificateToolException {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            if (isPem(bytes)) {
                for (Object object : parseAll(bytes, source)) {
                    if (object instanceof X509CertificateHolder holder) {
                        certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(holder.getEncoded())));
                    }
                }
            } else {
                for (Certificate cert : factory.generateCertificates(new ByteArrayInputStream(bytes))) {
                    certs.add((X509Certificate) cert);
                }
            }
        } catch (CertificateException | IOException e) {
            throw new CertificateToolException(source + ": not a valid certificate (" + oneLine(e) + ")", e);
        }
        if (certs.isEmpty()) {
            throw new CertificateToolException(source + ": no certificate found");
        }
        return certs;
    }

    /**
     * @param bytes a PEM or DER PKCS#10 request
     * @param source names the input in messages
     * @return the request, its signature verified
     * @throws CertificateToolException when it is malformed, absent or its signature is wrong
     */
    public static PKCS10CertificationRequest decodeCsr(byte[] bytes, String source) throws CertificateToolException {
        PKCS10CertificationRequest csr = null;
        try {
            if (isPem(bytes)) {
                for (Object object : parseAll(bytes, source)) {
                    if (object instanceof PKCS10CertificationRequest request) {
                        csr = request;
                        break;
                    }
                }
            } else {
                csr = new PKCS10CertificationRequest(bytes);
            }
        } catch (IOException | RuntimeException e) {
            throw new CertificateToolException(source + ": not a valid certificate request (" + oneLine(e) + ")", e);
        }
        if (csr == null) {
            throw new CertificateToolException(source + ": no CERTIFICATE REQUEST found");
        }
        verifySignature(csr, source);
        return csr;
    }

    /**
     * @param bytes PEM text
     * @param source names the input in messages
     * @return every object Bouncy Castle's PEM parser finds, in order
     * @throws CertificateToolException when the PEM is malformed
     */
    public static List<Object> parseAll(byte[] bytes, String source) throws CertificateToolException {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new CertificateToolException(source + ": malformed PEM (" + oneLine(e) + ")", e);
        }
        return objects;
    }

    /**
     * @param e an exception
     * @return its message on one line, or its class name when it has none
     */
    public static String oneLine(Throwable e) {
        Throwable shown = e;
        while ((shown.getMessage() == null || shown.getMessage().isBlank()) && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage();
        return message == null ? shown.getClass().getSimpleName() : message.replaceAll("\\s+", " ").trim();
    }

    private static void verifySignature(PKCS10CertificationRequest csr, String source) throws CertificateToolException {
        try {
            Names.verifiedKey(csr);
        } catch (CertificateToolException e) {
            throw new CertificateToolException(source + ": " + e.getMessage(), e);
        }
    }
}
