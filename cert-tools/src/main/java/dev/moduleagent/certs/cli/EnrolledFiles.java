package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateToolException;
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

/**
 * Where {@code enroll} and {@code renew} write: the chain and, for a new key, the key (0600). Both are checked before
 * the server is asked, so that an existing file does not waste an issued certificate.
 */
final class EnrolledFiles {

    private final Path chainOut;
    private final Path keyOut;
    private final boolean overwrite;
    private final char[] keyPassphrase;

    /**
     * @param chainOut where the chain goes
     * @param keyOut where a new key goes, or null when the key already is in a file
     * @param overwrite whether existing files may be replaced
     * @param keyPassphrase encrypts a new key, or null for an unencrypted one
     */
    EnrolledFiles(Path chainOut, Path keyOut, boolean overwrite, char[] keyPassphrase) {
        this.chainOut = chainOut;
        this.keyOut = keyOut;
        this.overwrite = overwrite;
        this.keyPassphrase = keyPassphrase;
    }

    /** Fails when an output exists and may not be replaced. */
    void checkWritable() throws CertificateToolException {
        for (Path file : keyOut == null ? List.of(chainOut) : List.of(keyOut, chainOut)) {
            if (!overwrite && Files.exists(file)) {
                throw new CertificateToolException(file + ": already exists (use --force to overwrite)");
            }
        }
    }

    /** Writes the new key (if any) first, then the chain, and reports both with the certificate's expiry. */
    void write(KeyPair keys, List<X509Certificate> chain, PrintWriter out) throws CertificateToolException {
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
