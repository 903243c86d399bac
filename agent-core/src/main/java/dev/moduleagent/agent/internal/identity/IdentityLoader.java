package dev.moduleagent.agent.internal.identity;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.Thumbprints;
import dev.moduleagent.certs.TlsContexts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Loads and checks the module identity before any connection is tried: the key opens (with its passphrase), it
 * matches the leaf certificate, the leaf's CN is exactly {@code <device.id>/<module.id>}, and the certificate is
 * valid now. Every failure is one line a user can act on.
 */
public final class IdentityLoader {

    private static final int MAX_PASSPHRASE_BYTES = 4096;

    private IdentityLoader() {
    }

    /**
     * @param files where the key, chain, passphrase and trust are
     * @param deviceId the configured {@code device.id}
     * @param moduleId the configured {@code module.id}
     * @param clock the time to check validity against
     * @return the checked identity with its TLS context
     * @throws IdentityException naming the key, the file and the problem
     */
    public static ModuleIdentity load(IdentityFiles files, String deviceId, String moduleId, Clock clock)
            throws IdentityException {
        IdentityName expected = expectedName(deviceId, moduleId);
        PrivateKey key = readKey(files.keyFile(), files.passphraseFile());
        List<X509Certificate> chain = readChain("cert.file", files.certFile());
        X509Certificate leaf = chain.get(0);
        if (!KeyPairs.matches(key, leaf)) {
            throw new IdentityException("key.file " + files.keyFile() + " does not match the certificate in cert.file "
                    + files.certFile());
        }
        checkName(leaf, expected, files.certFile());
        checkValidity(leaf, files.certFile(), clock.instant());
        List<X509Certificate> trust = files.trustFile() == null ? List.of() : readChain("trust.file", files.trustFile());
        try {
            SSLContext context = TlsContexts.client(key, chain, trust);
            return new ModuleIdentity(expected.commonName(), leaf.getSubjectX500Principal().getName(),
                    Thumbprints.sha256(leaf), leaf.getNotAfter().toInstant(), context);
        } catch (CertificateToolException e) {
            throw new IdentityException("TLS context for " + files.certFile() + ": " + oneLine(e.getMessage()));
        }
    }

    private static IdentityName expectedName(String deviceId, String moduleId) throws IdentityException {
        try {
            return IdentityName.of(deviceId, moduleId);
        } catch (CertificateToolException e) {
            throw new IdentityException("device.id/module.id: " + oneLine(e.getMessage()));
        }
    }

    static PrivateKey readKey(Path keyFile, Path passphraseFile) throws IdentityException {
        char[] passphrase = passphraseFile == null ? null : readPassphrase(passphraseFile);
        try {
            return Pem.readPrivateKey(keyFile, passphrase);
        } catch (CertificateToolException e) {
            throw new IdentityException("key.file: " + oneLine(e.getMessage()));
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    static char[] readPassphrase(Path file) throws IdentityException {
        byte[] bytes = null;
        try {
            if (Files.size(file) > MAX_PASSPHRASE_BYTES) {
                throw new IdentityException("key.passphrase.file " + file + " is larger than "
                        + MAX_PASSPHRASE_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                end--;
            }
            if (end == 0) {
                throw new IdentityException("key.passphrase.file " + file + " is empty");
            }
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, end));
            char[] passphrase = new char[chars.remaining()];
            chars.get(passphrase);
            Arrays.fill(chars.array(), '\0');
            return passphrase;
        } catch (CharacterCodingException e) {
            throw new IdentityException("key.passphrase.file " + file + " is not UTF-8 text");
        } catch (NoSuchFileException e) {
            throw new IdentityException("key.passphrase.file " + file + " does not exist");
        } catch (IOException e) {
            throw new IdentityException("key.passphrase.file " + file + " cannot be read: " + e.getClass().getSimpleName());
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    static List<X509Certificate> readChain(String setting, Path file) throws IdentityException {
        try {
            List<X509Certificate> chain = Pem.readCertificates(file);
            if (chain.isEmpty()) {
                throw new IdentityException(setting + " " + file + " holds no certificate");
            }
            return chain;
        } catch (CertificateToolException e) {
            throw new IdentityException(setting + ": " + oneLine(e.getMessage()));
        }
    }

    private static void checkName(X509Certificate leaf, IdentityName expected, Path certFile) throws IdentityException {
        Optional<IdentityName> actual = IdentityName.fromCertificate(leaf);
        if (actual.isEmpty()) {
            throw new IdentityException("cert.file " + certFile + ": subject '" + leaf.getSubjectX500Principal().getName()
                    + "' has no CN of the form <device>/<module>; expected CN=" + expected.commonName());
        }
        if (!actual.get().commonName().equals(expected.commonName())) {
            throw new IdentityException("cert.file " + certFile + ": certificate CN '" + actual.get().commonName()
                    + "' does not match device.id/module.id '" + expected.commonName() + "'");
        }
    }

    private static void checkValidity(X509Certificate leaf, Path certFile, Instant now) throws IdentityException {
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            throw new IdentityException("cert.file " + certFile + ": certificate expired at " + leaf.getNotAfter().toInstant());
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            throw new IdentityException("cert.file " + certFile + ": certificate is not valid before "
                    + leaf.getNotBefore().toInstant() + " (check the clock)");
        }
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
