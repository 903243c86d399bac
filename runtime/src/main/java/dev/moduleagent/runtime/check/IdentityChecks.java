package dev.moduleagent.runtime.check;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The module identity's checks, each one line: the key opens (with its passphrase), the certificate chain reads, the
 * key belongs to the leaf, the leaf's CN is {@code <device.id>/<module.id>}, every certificate is valid now, each
 * certificate of the chain is signed by the next, and the hub trust file holds valid certificates. The same checks
 * run before {@code module-agent run} starts the agent.
 */
final class IdentityChecks {

    /** A certificate closer than this to its end is a warning. */
    static final Duration RENEW_WARNING = Duration.ofDays(30);

    private final Clock clock;
    private final Consumer<CheckLine> out;

    IdentityChecks(Clock clock, Consumer<CheckLine> out) {
        this.clock = clock;
        this.out = out;
    }

    ModuleIdentity check(Map<String, String> config) throws CheckFailure {
        Path keyFile = Path.of(config.get("key.file"));
        Path certFile = Path.of(config.get("cert.file"));
        PrivateKey key = Passphrases.readKey(keyFile, optionalPath(config, "key.passphrase.file"));
        out.accept(CheckLine.ok("key", keyFile + ": " + key.getAlgorithm() + " private key"
                + (config.containsKey("key.passphrase.file") ? ", opened with key.passphrase.file" : "")));
        List<X509Certificate> chain = certificates("cert", "cert.file", certFile);
        X509Certificate leaf = chain.get(0);
        if (!KeyPairs.matches(key, leaf)) {
            throw new CheckFailure("pair", "key.file " + keyFile + " does not belong to the certificate in cert.file "
                    + certFile + " (their public keys differ)");
        }
        out.accept(CheckLine.ok("pair", "the key belongs to the certificate " + leaf.getSubjectX500Principal()));
        checkName(leaf, config.get("device.id"), config.get("module.id"));
        validity("expiry", "cert.file " + certFile, leaf);
        out.accept(CertificateChains.check(chain, clock.instant()));
        List<X509Certificate> trust = trust(optionalPath(config, "trust.file"));
        return new ModuleIdentity(config, key, chain, trust);
    }

    private void checkName(X509Certificate leaf, String deviceId, String moduleId) throws CheckFailure {
        String expected = deviceId + "/" + moduleId;
        Optional<IdentityName> actual = IdentityName.fromCertificate(leaf);
        if (actual.isEmpty()) {
            throw new CheckFailure("name", "certificate subject '" + leaf.getSubjectX500Principal().getName()
                    + "' has no CN of the form <device>/<module>; expected CN=" + expected);
        }
        if (!actual.get().commonName().equals(expected)) {
            throw new CheckFailure("name", "certificate CN '" + actual.get().commonName()
                    + "' does not match device.id/module.id '" + expected + "'");
        }
        out.accept(CheckLine.ok("name", "CN=" + expected + " matches device.id/module.id"));
    }

    private void validity(String check, String what, X509Certificate cert) throws CheckFailure {
        Instant now = clock.instant();
        Instant notAfter = cert.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            throw new CheckFailure(check, what + ": certificate " + cert.getSubjectX500Principal() + " expired at "
                    + notAfter + " (renew it)");
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            throw new CheckFailure(check, what + ": certificate " + cert.getSubjectX500Principal()
                    + " is not valid before " + cert.getNotBefore().toInstant() + " (check the clock)");
        }
        long days = Duration.between(now, notAfter).toDays();
        CheckLine.Verdict verdict = Duration.between(now, notAfter).compareTo(RENEW_WARNING) < 0
                ? CheckLine.Verdict.WARN : CheckLine.Verdict.OK;
        out.accept(new CheckLine(verdict, check, what + ": valid until " + notAfter + " (" + days + " days left)"));
    }

    private List<X509Certificate> trust(Path trustFile) throws CheckFailure {
        if (trustFile == null) {
            out.accept(CheckLine.ok("trust", "no trust.file: the JDK's default roots (right for Azure IoT Hub)"));
            return List.of();
        }
        List<X509Certificate> trust = certificates("trust", "trust.file", trustFile);
        Instant now = clock.instant();
        for (X509Certificate cert : trust) {
            if (now.isAfter(cert.getNotAfter().toInstant()) || now.isBefore(cert.getNotBefore().toInstant())) {
                throw new CheckFailure("trust", "trust.file " + trustFile + ": certificate "
                        + cert.getSubjectX500Principal() + " is not valid now (" + cert.getNotBefore().toInstant()
                        + " to " + cert.getNotAfter().toInstant() + ")");
            }
        }
        out.accept(CheckLine.ok("trust", "trust.file " + trustFile + ": " + trust.size() + " certificate(s), "
                + "first " + trust.get(0).getSubjectX500Principal()));
        return trust;
    }

    private static List<X509Certificate> certificates(String check, String key, Path file) throws CheckFailure {
        try {
            List<X509Certificate> certs = Pem.readCertificates(file);
            if (certs.isEmpty()) {
                throw new CheckFailure(check, key + " " + file + " holds no certificate");
            }
            return certs;
        } catch (CertificateToolException e) {
            throw new CheckFailure(check, key + " " + oneLine(e.getMessage()), e);
        }
    }

    private static Path optionalPath(Map<String, String> config, String key) {
        String value = config.get(key);
        return value == null ? null : Path.of(value);
    }

    static String oneLine(String message) {
        return message == null ? "unknown error" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
