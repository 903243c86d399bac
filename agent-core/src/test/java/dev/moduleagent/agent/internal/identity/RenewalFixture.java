package dev.moduleagent.agent.internal.identity;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.CertificateRequests;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.EstException;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A module identity on disk signed by a test CA (10 days, renewed at 50 %), a fake EST server that signs with the
 * same CA (or fails, or signs another subject), a fake hub session that accepts or refuses, and a clock the test
 * moves. Everything else (files, journal, keys, checks) is the production code.
 */
final class RenewalFixture {

    static final IdentityName NAME = name("dev1", "mod1");
    static final Duration LIFETIME = Duration.ofDays(10);
    /** Renewed certificates start at the real time, not the test's clock: a longer life puts their 50 % ahead. */
    static final Duration RENEWED_LIFETIME = Duration.ofDays(30);

    final MovableClock clock = new MovableClock(Instant.now());
    final CertificateAuthority ca = CertificateAuthority.createRoot("Renewal Test CA", KeyAlgorithm.EC_P256,
            Duration.ofDays(90));
    final RenewalFiles files;
    final List<Map<String, ?>> reports = new CopyOnWriteArrayList<>();
    final AtomicInteger enrollCalls = new AtomicInteger();
    final List<SSLContext> reconnects = new ArrayList<>();
    volatile String estFailure;
    volatile IdentityName issueFor = NAME;
    /** Outcome of each reconnect in turn: null = accepted, text = refused with it; when empty, accepted. */
    final List<String> hubVerdicts = new ArrayList<>();

    RenewalFixture(Path dir) throws Exception {
        files = new RenewalFiles(dir.resolve("module.key.pem"), dir.resolve("module.chain.pem"));
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        Pem.writePrivateKey(files.key(), keys.getPrivate(), null, false);
        Pem.writeCertificates(files.cert(), List.of(sign(keys, NAME, LIFETIME)), false);
    }

    IdentityRenewal renewal() throws Exception {
        RenewalSettings settings = new RenewalSettings("https://127.0.0.1/.well-known/est", Path.of("unused"),
                RenewBefore.parse("50%"), Duration.ofHours(1));
        RenewalSetup setup = new RenewalSetup(files, null, NAME, List.of(ca.certificate()), settings,
                Duration.ofSeconds(5), Duration.ofMinutes(1));
        return new IdentityRenewal(setup, this::reenroll, this::reconnect, new IdentityReport(reports::add, clock),
                clock);
    }

    private List<X509Certificate> reenroll(PrivateKey key, List<X509Certificate> chain, KeyPair keys)
            throws CertificateToolException {
        enrollCalls.incrementAndGet();
        if (!KeyPairs.matches(key, chain.get(0))) {
            throw new AssertionError("EST client authenticated with a key that does not match its certificate");
        }
        if (estFailure != null) {
            throw new EstException(EstException.Reason.UNREACHABLE, 0, estFailure, null);
        }
        return List.of(sign(keys, issueFor, RENEWED_LIFETIME), ca.certificate());
    }

    private synchronized CompletableFuture<Void> reconnect(SSLContext identity) {
        reconnects.add(identity);
        String verdict = hubVerdicts.isEmpty() ? null : hubVerdicts.remove(0);
        return verdict == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(new IllegalStateException(verdict));
    }

    X509Certificate sign(KeyPair keys, IdentityName name, Duration lifetime) throws CertificateToolException {
        return ca.signClient(CertificateRequests.create(keys, name), lifetime);
    }

    X509Certificate currentLeaf() throws CertificateToolException {
        return Pem.readCertificates(files.cert()).get(0);
    }

    /** @return the configured key and chain load as a consistent identity (what the agent does at start) */
    ModuleIdentity loadConfigured() throws IdentityException {
        return IdentityLoader.load(new IdentityFiles(files.key(), null, files.cert(), null), "dev1", "mod1", clock);
    }

    private static IdentityName name(String device, String module) {
        try {
            return IdentityName.of(device, module);
        } catch (CertificateToolException e) {
            throw new AssertionError(e);
        }
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
