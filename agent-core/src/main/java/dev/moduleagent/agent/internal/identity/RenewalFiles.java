package dev.moduleagent.agent.internal.identity;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The identity's files during a renewal: the configured pair ({@code key.file}, {@code cert.file}), the new pair
 * beside it ({@code .staged}), the pair it replaced ({@code .previous}) and the journal ({@code <key.file>.renewal}).
 * Keys are written 0600; every file is written whole under a temporary name and renamed into place.
 */
public final class RenewalFiles {

    private final Path key;
    private final Path cert;

    /**
     * @param key {@code key.file}
     * @param cert {@code cert.file}
     */
    public RenewalFiles(Path key, Path cert) {
        this.key = key.toAbsolutePath();
        this.cert = cert.toAbsolutePath();
    }

    /** @return the configured key file */
    public Path key() {
        return key;
    }

    /** @return the configured certificate chain file */
    public Path cert() {
        return cert;
    }

    /** @return the new key while it is on trial */
    public Path stagedKey() {
        return sibling(key, ".staged");
    }

    /** @return the new chain while it is on trial */
    public Path stagedCert() {
        return sibling(cert, ".staged");
    }

    /** @return the key the last promotion replaced */
    public Path previousKey() {
        return sibling(key, ".previous");
    }

    /** @return the chain the last promotion replaced */
    public Path previousCert() {
        return sibling(cert, ".previous");
    }

    /** @return the journal */
    public RenewalJournal journal() {
        return new RenewalJournal(sibling(key, ".renewal"));
    }

    /**
     * Writes the new pair beside the old one: key first (0600), then the chain.
     *
     * @param newKey the new key
     * @param chain its chain, leaf first
     * @param passphrase encrypts the key like the configured one, or {@code null}
     * @throws CertificateToolException when a file cannot be written
     */
    public void writeStaged(PrivateKey newKey, List<X509Certificate> chain, char[] passphrase)
            throws CertificateToolException {
        Pem.writePrivateKey(stagedKey(), newKey, passphrase, true);
        Pem.writeCertificates(stagedCert(), chain, true);
    }

    /**
     * @param passphrase the key's passphrase, or {@code null}
     * @return the staged pair when both files are there, readable and belong together
     */
    public Optional<Pair> readStaged(char[] passphrase) {
        if (!Files.isRegularFile(stagedKey()) || !Files.isRegularFile(stagedCert())) {
            return Optional.empty();
        }
        try {
            PrivateKey stagedKey = Pem.readPrivateKey(stagedKey(), passphrase);
            List<X509Certificate> chain = Pem.readCertificates(stagedCert());
            return KeyPairs.matches(stagedKey, chain.get(0)) ? Optional.of(new Pair(stagedKey, chain)) : Optional.empty();
        } catch (CertificateToolException e) {
            return Optional.empty();
        }
    }

    /**
     * Copies the configured pair to {@code .previous} (the key stays 0600). Repeatable while the configured files are
     * still the old pair.
     *
     * @throws IOException when a copy fails
     */
    public void keepPrevious() throws IOException {
        copy(key, previousKey());
        copy(cert, previousCert());
        syncFolder(key);
        syncFolder(cert);
    }

    /**
     * Moves the staged files over the configured ones, key first, each by an atomic rename; a file already moved is
     * skipped, so this finishes a promotion that a kill interrupted.
     *
     * @throws IOException when a rename fails
     */
    public void moveStagedIntoPlace() throws IOException {
        if (Files.exists(stagedKey())) {
            RenewalJournal.move(stagedKey(), key);
        }
        syncFolder(key);
        if (Files.exists(stagedCert())) {
            RenewalJournal.move(stagedCert(), cert);
        }
        syncFolder(cert);
    }

    /**
     * Deletes the staged files, if any.
     *
     * @throws IOException when one cannot be deleted
     */
    public void discardStaged() throws IOException {
        Files.deleteIfExists(stagedCert());
        Files.deleteIfExists(stagedKey());
    }

    private static void copy(Path from, Path to) throws IOException {
        byte[] bytes = Files.readAllBytes(from);
        Path temp = to.resolveSibling("." + to.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(Files.getPosixFilePermissions(from)));
        }
        RenewalJournal.writeAtomically(to, bytes);
    }

    private static void syncFolder(Path file) {
        try (FileChannel folder = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can sync a folder; the renames themselves are atomic
        }
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /**
     * A key and its chain.
     *
     * @param key the private key
     * @param chain leaf first
     */
    public record Pair(PrivateKey key, List<X509Certificate> chain) {
    }
}
