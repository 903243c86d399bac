package dev.moduleagent.certs.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import jdk.security.jarsigner.JarSigner;
import jdk.security.jarsigner.JarSignerException;

/**
 * Signs a plug-in jar with the JDK's own jar signer ({@code jdk.security.jarsigner}, the API behind
 * {@code jarsigner}), so that the agent's {@code JarFile} verification accepts it. Free of picocli.
 */
final class PluginSigning {

    /** The signature file name in {@code META-INF/} ({@code MODAGENT.SF} and its block). */
    static final String SIGNER_NAME = "MODAGENT";

    private PluginSigning() {
    }

    /**
     * @param jar the plug-in jar
     * @param key the signer's private key
     * @param chain the signer's certificate, then its issuers
     * @param out where the signed jar goes (written beside it, then moved in place)
     * @throws IOException when the jar cannot be read or the result written
     * @throws IllegalArgumentException when the key does not fit the certificate or the jar is not a zip
     */
    static void sign(Path jar, PrivateKey key, List<X509Certificate> chain, Path out) throws IOException {
        CertPath path;
        try {
            path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the certificate chain cannot be used: " + e.getMessage(), e);
        }
        if (!chain.get(0).getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("the key (" + key.getAlgorithm() + ") does not belong to the certificate ("
                    + chain.get(0).getPublicKey().getAlgorithm() + ")");
        }
        JarSigner signer;
        try {
            signer = new JarSigner.Builder(key, path).signerName(SIGNER_NAME).digestAlgorithm("SHA-256").build();
        } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the key cannot sign: " + e.getMessage(), e);
        }
        Path staged = out.resolveSibling(out.getFileName() + ".part");
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream stream = Files.newOutputStream(staged)) {
            signer.sign(zip, stream);
        } catch (JarSignerException e) {
            Files.deleteIfExists(staged);
            throw new IllegalArgumentException("signing failed: " + e.getMessage(), e);
        } catch (ZipException e) {
            Files.deleteIfExists(staged);
            throw new IllegalArgumentException(jar + " is not a jar: " + e.getMessage(), e);
        }
        Files.move(staged, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
