package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * What {@code enroll} and {@code renew} write: the chain ({@code --out}) and a new key ({@code --key-out}, 0600, of
 * {@code --algorithm}). Both are checked before the server is asked, so that an existing file does not waste an
 * issued certificate; the key is written before the chain.
 */
final class EnrolledOutputs {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the certificate chain.")
    private Path chainOut;

    @Option(names = "--key-out", paramLabel = "FILE", description = "Where to write a new key (mode 0600).")
    private Path keyOut;

    @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "ec-p256",
            description = "Type of a new key: ec-p256 (default), ec-p384, rsa-2048, rsa-3072 or rsa-4096.")
    private String algorithm;

    @Option(names = "--force", description = "Overwrite existing output files.")
    private boolean overwrite;

    /** @return whether a new key is to be made ({@code --key-out} given) */
    boolean newKey() {
        return keyOut != null;
    }

    /** @return a new key pair of {@code --algorithm} */
    KeyPair generateKeys() throws CertificateToolException {
        return KeyPairs.generate(KeyAlgorithm.parse(algorithm));
    }

    /** Fails when an output exists and may not be replaced. */
    void checkWritable() throws CertificateToolException {
        for (Path file : keyOut == null ? List.of(chainOut) : List.of(keyOut, chainOut)) {
            if (!overwrite && Files.exists(file)) {
                throw new CertificateToolException(file + ": already exists (use --force to overwrite)");
            }
        }
    }

    /**
     * Writes the new key (with {@code --key-out}) first, then the chain, and reports both with the expiry.
     *
     * @param keyPassphrase encrypts a new key, or null
     */
    void write(KeyPair keys, List<X509Certificate> chain, char[] keyPassphrase, PrintWriter out) throws CertificateToolException {
        if (!KeyPairs.matches(keys.getPrivate(), chain.get(0))) {
            throw new CertificateToolException("the issued certificate does not match the key; nothing written");
        }
        if (keyOut != null) {
            Pem.writePrivateKey(keyOut, keys.getPrivate(), keyPassphrase, overwrite);
            out.println("wrote " + keyOut + " (new " + keys.getPrivate().getAlgorithm() + " key"
                    + (keyPassphrase == null ? "" : ", encrypted") + ", mode 0600)");
        }
        Pem.writeCertificates(chainOut, chain, overwrite);
        X509Certificate leaf = chain.get(0);
        out.println("wrote " + chainOut + " (" + leaf.getSubjectX500Principal().getName() + ", " + chain.size()
                + " certificate" + (chain.size() == 1 ? "" : "s") + ", leaf first, serial "
                + leaf.getSerialNumber().toString(16).toUpperCase(Locale.ROOT) + ", "
                + Expiry.describe(leaf, Instant.now()) + ")");
    }
}
