package dev.moduleagent.certs;

import dev.moduleagent.certs.internal.AtomicFileWriter;
import dev.moduleagent.certs.internal.PemCodec;
import dev.moduleagent.certs.internal.PrivateKeyCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads and writes keys, certificates and CSRs as files. Writes are atomic (complete or absent) and refuse to
 * replace an existing file unless asked; private keys are created with mode 0600. Reads accept what OpenSSL writes.
 */
@ProviderType
public final class Pem {

    /** Larger inputs are refused: no key, certificate chain or CSR comes near this. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private Pem() {
    }

    /**
     * @param file the destination; its folder is created if missing
     * @param key the key
     * @param passphrase null for unencrypted PKCS#8, otherwise encrypted PKCS#8 (PBES2, AES-256-CBC)
     * @param overwrite whether an existing file may be replaced
     * @throws CertificateToolException when the file exists (and overwrite is false) or cannot be written
     */
    public static void writePrivateKey(Path file, PrivateKey key, char[] passphrase, boolean overwrite)
            throws CertificateToolException {
        byte[] pem = PrivateKeyCodec.encode(key, passphrase).getBytes(StandardCharsets.US_ASCII);
        AtomicFileWriter.write(file, pem, AtomicFileWriter.PRIVATE, overwrite);
    }

    /**
     * @param file PEM (PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1, as openssl genpkey/genrsa/ecparam write) or DER PKCS#8
     * @param passphrase the passphrase, or null when the key is not encrypted
     * @return the key
     * @throws CertificateToolException naming the file: missing, malformed, encrypted without passphrase, wrong passphrase
     */
    public static PrivateKey readPrivateKey(Path file, char[] passphrase) throws CertificateToolException {
        return PrivateKeyCodec.decode(read(file), passphrase, file.toString());
    }

    /**
     * @param file the destination; its folder is created if missing
     * @param certs the certificates, written in this order (leaf first for a chain)
     * @param overwrite whether an existing file may be replaced
     * @throws CertificateToolException when the file exists (and overwrite is false) or cannot be written
     */
    public static void writeCertificates(Path file, List<X509Certificate> certs, boolean overwrite)
            throws CertificateToolException {
        AtomicFileWriter.write(file, bytes(PemCodec.encode(certs)), AtomicFileWriter.PUBLIC, overwrite);
    }

    /**
     * @param file PEM with one or more CERTIFICATE blocks, or DER
     * @return the certificates in file order, at least one
     * @throws CertificateToolException naming the file when it is missing, malformed or holds no certificate
     */
    public static List<X509Certificate> readCertificates(Path file) throws CertificateToolException {
        return PemCodec.decodeCertificates(read(file), file.toString());
    }

    /**
     * @param pem PEM text with one or more CERTIFICATE blocks
     * @return the certificates in order
     * @throws CertificateToolException when the text is malformed or holds no certificate
     */
    public static List<X509Certificate> parseCertificates(String pem) throws CertificateToolException {
        return PemCodec.decodeCertificates(bytes(pem), "PEM text");
    }

    /**
     * @param file the destination
     * @param csr the request
     * @param overwrite whether an existing file may be replaced
     * @throws CertificateToolException when the file exists (and overwrite is false) or cannot be written
     */
    public static void writeCsr(Path file, PKCS10CertificationRequest csr, boolean overwrite)
            throws CertificateToolException {
        AtomicFileWriter.write(file, bytes(PemCodec.encode(List.of(csr))), AtomicFileWriter.PUBLIC, overwrite);
    }

    /**
     * @param file a PEM or DER PKCS#10 request
     * @return the request, its signature verified
     * @throws CertificateToolException naming the file when it is missing, malformed or its signature is wrong
     */
    public static PKCS10CertificationRequest readCsr(Path file) throws CertificateToolException {
        return PemCodec.decodeCsr(read(file), file.toString());
    }

    /**
     * @param cert a certificate
     * @return its PEM text (one CERTIFICATE block)
     */
    public static String toPem(X509Certificate cert) {
        return PemCodec.encode(List.of(cert));
    }

    /**
     * @param certs certificates
     * @return their PEM text, in order
     */
    public static String toPem(List<X509Certificate> certs) {
        return PemCodec.encode(certs);
    }

    /**
     * @param csr a request
     * @return its PEM text (one CERTIFICATE REQUEST block)
     */
    public static String toPem(PKCS10CertificationRequest csr) {
        return PemCodec.encode(List.of(csr));
    }

    /**
     * Reads a whole input file, bounded by {@link #MAX_FILE_BYTES}.
     *
     * @param file the file
     * @return its bytes
     * @throws CertificateToolException naming the file when it is missing, unreadable, a folder, or too large
     */
    public static byte[] read(Path file) throws CertificateToolException {
        try {
            if (Files.isDirectory(file)) {
                throw new CertificateToolException(file + ": is a folder, not a file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new CertificateToolException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CertificateToolException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new CertificateToolException(file + ": permission denied", e);
        } catch (IOException e) {
            throw new CertificateToolException(file + ": cannot read (" + PemCodec.oneLine(e) + ")", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
