package dev.moduleagent.agent.internal.identity;

import dev.moduleagent.agent.internal.identity.RenewalFiles.Pair;
import dev.moduleagent.agent.internal.identity.RenewalJournal.Entry;
import dev.moduleagent.agent.internal.retry.Backoff;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.TlsContexts;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity's lifecycle: {@code VALID → RENEWING → STAGED → TRIAL → PROMOTING → VALID} (or {@code → ROLLING_BACK →
 * VALID} when the hub refuses the new pair). Each state is journaled before its action, so a kill anywhere is
 * finished or undone by {@link RenewalRecovery} at the next start. Driven by {@link #check()} on one thread that is
 * never interrupted (it writes files); the hub session is only told to reconnect with another TLS identity.
 */
public final class IdentityRenewal {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityRenewal.class);
    private static final Duration MIN_DELAY = Duration.ofSeconds(1);

    private final RenewalSetup setup;
    private final Enroller enroller;
    private final SessionSwitch session;
    private final IdentityReport report;
    private final Clock clock;
    private final Backoff backoff;
    private final TrialWait trials = new TrialWait();
    private Consumer<String> steps = step -> { };
    private Entry entry;
    private Pair current;
    private Instant nextAttempt = Instant.MIN;

    /**
     * @param setup files, identity, trust and settings
     * @param enroller gets new certificates
     * @param session moves the hub connection to another identity
     * @param report where expiry and results go
     * @param clock the time source
     * @throws IOException when the journal cannot be read or repaired
     * @throws IdentityException when the current pair cannot be read
     */
    public IdentityRenewal(RenewalSetup setup, Enroller enroller, SessionSwitch session, IdentityReport report,
                           Clock clock) throws IOException, IdentityException {
        this.setup = setup;
        this.enroller = enroller;
        this.session = session;
        this.report = report;
        this.clock = clock;
        Duration check = setup.settings().check();
        Duration initial = setup.retryInitial().compareTo(check) < 0 ? setup.retryInitial() : check;
        this.backoff = new Backoff(initial, check);
        reload();
    }

    /** @param hook called after each step with its name (tests stop the renewal there, as a kill would) */
    void onStep(Consumer<String> hook) {
        this.steps = hook;
    }

    /** @return whether the agent renews this identity by itself (EST configured, certificate not self-signed) */
    public boolean automatic() {
        return setup.settings().enabled() && !RenewalChecks.selfSigned(leaf());
    }

    /** @return the current journal state */
    public RenewalState state() {
        return entry.state();
    }

    /** @return when the current certificate is due for renewal */
    public Instant renewAt() {
        X509Certificate leaf = leaf();
        return setup.settings().before().renewAt(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
    }

    /** Reports the identity as it is now (at start, and after each change). */
    public void reportNow() {
        String mode = automatic() ? "est" : setup.settings().enabled()
                ? "manual: self-signed certificate (thumbprint registration); renew it by hand and update the hub"
                : "manual: renew.est.url is not set";
        report.identity(leaf(), automatic() ? renewAt() : null, mode, entry.state(), entry.last());
    }

    /**
     * One check: warns near expiry, resumes a staged pair, or renews when the time has come.
     *
     * @return how long to wait before the next check
     */
    public Duration check() {
        report.warnIfExpiring(leaf(), !automatic()
                ? "the agent does not renew it by itself: renew the certificate and restart the agent"
                : clock.instant().isBefore(renewAt()) ? "automatic renewal is due at " + renewAt()
                : "automatic renewal has not succeeded yet (see agent.identity.renewal)");
        if (!automatic()) {
            return setup.settings().check();
        }
        try {
            if (entry.state() != RenewalState.VALID && entry.state() != RenewalState.STAGED) {
                reload();
            }
            if (entry.state() == RenewalState.STAGED) {
                resumeStaged();
            } else if (!clock.instant().isBefore(renewAt()) && !clock.instant().isBefore(nextAttempt)) {
                renew();
            }
        } catch (IOException | IdentityException e) {
            LOG.error("certificate renewal error keep=current reason=\"{}\"", e.getMessage());
            nextAttempt = clock.instant().plus(backoff.next());
        }
        return nextDelay();
    }

    /** Ends a trial that waits for the hub (the journal keeps {@code TRIAL}; the next start retries it). */
    public void close() {
        trials.close();
    }

    private void renew() throws IOException {
        KeyPair keys;
        try {
            keys = KeyPairs.generate(RenewalChecks.sameAlgorithm(leaf().getPublicKey()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            failed("failed", "no new key: " + e.getMessage());
            return;
        }
        write(RenewalState.RENEWING, entry.last());
        LOG.info("certificate renewal requested currentSerial={} notAfter={}",
                leaf().getSerialNumber().toString(16), leaf().getNotAfter().toInstant());
        List<X509Certificate> chain;
        try {
            chain = enroller.reenroll(current.key(), current.chain(), keys);
            steps.accept("enrolled");
            Optional<String> refusal = RenewalChecks.refusal(chain, keys, setup.name(), clock.instant());
            if (refusal.isPresent()) {
                failed("failed", refusal.get() + "; the current certificate stays");
                return;
            }
            char[] passphrase = passphrase();
            try {
                setup.files().writeStaged(keys.getPrivate(), chain, passphrase);
            } finally {
                wipe(passphrase);
            }
        } catch (CertificateToolException | IdentityException e) {
            failed("failed", e.getMessage() + "; the current certificate stays");
            return;
        }
        steps.accept("staged-files");
        write(RenewalState.STAGED, entry.last());
        trial(new Pair(keys.getPrivate(), chain));
    }

    private void resumeStaged() throws IOException, IdentityException {
        char[] passphrase = passphrase();
        try {
            Optional<Pair> staged = setup.files().readStaged(passphrase);
            if (staged.isPresent()) {
                trial(staged.get());
            } else {
                failed("failed", "the staged pair is incomplete; the current certificate stays");
            }
        } finally {
            wipe(passphrase);
        }
    }

    private void trial(Pair staged) throws IOException {
        write(RenewalState.TRIAL, entry.last());
        String serial = staged.chain().get(0).getSerialNumber().toString(16);
        LOG.info("certificate renewal trial serial={}", serial);
        Optional<String> refused = trials.attempt(session, context(staged), setup.trialTimeout());
        if (trials.closed()) {
            return;
        }
        if (refused.isPresent()) {
            rollBack(serial, refused.get());
            return;
        }
        steps.accept("accepted");
        setup.files().keepPrevious();
        steps.accept("previous-kept");
        write(RenewalState.PROMOTING, entry.last());
        setup.files().moveStagedIntoPlace();
        steps.accept("moved");
        current = staged;
        write(RenewalState.VALID, new RenewalResult(clock.instant(), "promoted", "serial " + serial));
        backoff.reset();
        nextAttempt = Instant.MIN;
        LOG.info("certificate renewal promoted serial={} notAfter={} nextRenewal={}", serial, leaf().getNotAfter().toInstant(), renewAt());
        reportNow();
    }

    private void rollBack(String serial, String reason) throws IOException {
        write(RenewalState.ROLLING_BACK, entry.last());
        LOG.warn("certificate renewal refused serial={} reason=\"{}\" keep=current",
                serial, reason);
        Optional<String> back = trials.attempt(session, context(current), setup.trialTimeout());
        back.ifPresent(why -> LOG.warn("certificate renewal revert failed reason=\"{}\" session=retrying", why));
        steps.accept("reverted");
        failed("rolled-back", "the hub refused the new certificate (serial " + serial + "): " + reason);
    }

    private void failed(String outcome, String reason) throws IOException {
        setup.files().discardStaged();
        write(RenewalState.VALID, new RenewalResult(clock.instant(), outcome, reason));
        Duration pause = backoff.next();
        nextAttempt = clock.instant().plus(pause);
        LOG.warn("certificate renewal {} reason=\"{}\" nextAttemptMs={}", outcome, reason, pause.toMillis());
        reportNow();
    }

    private void write(RenewalState state, RenewalResult last) throws IOException {
        Entry next = new Entry(state, last);
        setup.files().journal().write(next);
        entry = next;
        steps.accept(state.name());
    }

    private void reload() throws IOException, IdentityException {
        char[] passphrase = passphrase();
        try {
            entry = RenewalRecovery.recover(setup.files(), passphrase, clock);
        } finally {
            wipe(passphrase);
        }
        current = new Pair(IdentityLoader.readKey(setup.files().key(), setup.passphraseFile()),
                IdentityLoader.readChain("cert.file", setup.files().cert()));
    }

    private SSLContext context(Pair pair) throws IOException {
        try {
            return TlsContexts.client(pair.key(), pair.chain(), setup.hubTrust());
        } catch (CertificateToolException e) {
            throw new IOException("TLS context: " + e.getMessage(), e);
        }
    }

    private Duration nextDelay() {
        Instant now = clock.instant();
        Instant due = renewAt().isAfter(nextAttempt) ? renewAt() : nextAttempt;
        Duration until = Duration.between(now, due);
        Duration check = setup.settings().check();
        return until.compareTo(check) > 0 ? check : until.compareTo(MIN_DELAY) < 0 ? MIN_DELAY : until;
    }

    private X509Certificate leaf() {
        return current.chain().get(0);
    }

    private char[] passphrase() throws IdentityException {
        return setup.passphraseFile() == null ? null : IdentityLoader.readPassphrase(setup.passphraseFile());
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
