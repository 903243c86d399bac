package dev.moduleagent.agent.internal.identity;

import dev.moduleagent.agent.internal.status.AgentReports;
import dev.moduleagent.certs.IdentityName;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link IdentityRenewal} on its own thread ({@code agent-identity-renewal}), checking at {@code renew.check}
 * (sooner when the renewal point or a retry is nearer). The thread writes key files, so it is never interrupted:
 * a stop lets the current step end (a trial waiting for the hub is cut short; the journal resumes it at the next
 * start) and leaves the thread behind after a short wait.
 */
public final class RenewalService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RenewalService.class);
    private static final Duration TRIAL_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration RETRY_INITIAL = Duration.ofSeconds(10);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);
    private static final Duration AFTER_ERROR = Duration.ofMinutes(1);

    private final IdentityRenewal renewal;
    private final ScheduledExecutorService thread;
    private volatile boolean stopped;

    private RenewalService(IdentityRenewal renewal) {
        this.renewal = renewal;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "agent-identity-renewal");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
    }

    /**
     * Finishes or undoes a renewal a kill interrupted, so that the configured key and chain match; run before the
     * identity is loaded.
     *
     * @param files the configured identity files
     * @param clock the time source
     * @throws IdentityException when the journal or the files cannot be repaired (one line)
     */
    public static void recover(IdentityFiles files, Clock clock) throws IdentityException {
        char[] passphrase = files.passphraseFile() == null ? null : IdentityLoader.readPassphrase(files.passphraseFile());
        try {
            RenewalRecovery.recover(new RenewalFiles(files.keyFile(), files.certFile()), passphrase, clock);
        } catch (IOException e) {
            throw new IdentityException("certificate renewal journal beside key.file " + files.keyFile()
                    + " cannot be completed: " + e.getMessage());
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    /**
     * Checks the renewal's own files at start, so that a wrong one stops the agent like any other identity file.
     *
     * @param settings {@code renew.*}
     * @throws IdentityException when {@code renew.est.trust} (or its default) cannot be read
     */
    public static void checkFiles(RenewalSettings settings) throws IdentityException {
        if (settings.enabled()) {
            IdentityLoader.readChain("renew.est.trust", settings.estTrust());
        }
    }

    /**
     * Reports the identity and starts checking.
     *
     * @param files the configured identity files
     * @param name the module's identity
     * @param settings {@code renew.*}
     * @param session moves the hub connection to another identity
     * @param reports where {@code agent.identity} goes
     * @return the running service
     * @throws IdentityException when the EST trust file or the current pair cannot be read
     */
    public static RenewalService start(IdentityFiles files, IdentityName name, RenewalSettings settings,
                                       SessionSwitch session, AgentReports reports) throws IdentityException {
        List<X509Certificate> hubTrust = files.trustFile() == null ? List.of()
                : IdentityLoader.readChain("trust.file", files.trustFile());
        Enroller enroller = settings.enabled()
                ? new EstEnroller(settings.estUrl(), IdentityLoader.readChain("renew.est.trust", settings.estTrust()))
                : (key, chain, keys) -> {
                    throw new IllegalStateException("no EST server configured");
                };
        RenewalSetup setup = new RenewalSetup(new RenewalFiles(files.keyFile(), files.certFile()),
                files.passphraseFile(), name, hubTrust, settings, TRIAL_TIMEOUT, RETRY_INITIAL);
        Clock clock = Clock.systemUTC();
        IdentityRenewal renewal;
        try {
            renewal = new IdentityRenewal(setup, enroller, session, new IdentityReport(reports, clock), clock);
        } catch (IOException e) {
            throw new IdentityException("certificate renewal journal beside key.file " + files.keyFile()
                    + " cannot be read: " + e.getMessage());
        }
        renewal.reportNow();
        if (renewal.automatic()) {
            LOG.info("certificate renewal automatic estUrl={} before={} check={} next={}",
                    settings.estUrl(), settings.before(), settings.check(), renewal.renewAt());
        } else {
            LOG.info("certificate renewal manual reason=\"{}\"",
                    settings.enabled() ? "self-signed certificate registered by thumbprint" : "no renew.est.url");
        }
        RenewalService service = new RenewalService(renewal);
        service.schedule(Duration.ZERO);
        return service;
    }

    private void schedule(Duration delay) {
        if (stopped) {
            return;
        }
        try {
            thread.schedule(this::runCheck, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("renewal stopped, no further check");
        }
    }

    private void runCheck() {
        Duration next = AFTER_ERROR;
        try {
            next = renewal.check();
        } catch (RuntimeException e) {
            LOG.error("certificate renewal check failed nextCheck={}", AFTER_ERROR, e);
        }
        schedule(next);
    }

    /** Stops checking; a step in progress finishes on its own (the thread is never interrupted). */
    @Override
    public void close() {
        stopped = true;
        renewal.close();
        thread.shutdown();
        try {
            if (!thread.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("certificate renewal busy at stop resume=next-start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
