package dev.moduleagent.agent.internal.reported;

import dev.moduleagent.agent.internal.retry.Backoff;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox into the hub, one patch at a time and in order, on its own thread, so that a slow or absent hub
 * never blocks a plug-in that reports. It sleeps until there is work and a connection ({@link #wake()}).
 */
public final class OutboxSender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final Duration IDLE_CHECK = Duration.ofSeconds(30);

    private final ReportedAggregator aggregator;
    private final ReportedLink link;
    private final Backoff backoff;
    private final RefusedPatches refusals = new RefusedPatches();
    private final Object signal = new Object();
    private boolean woken;
    private volatile long retryAfterNanos = System.nanoTime();

    /**
     * @param aggregator where the patches wait
     * @param link the hub
     * @param backoff the pause after a failed attempt
     */
    public OutboxSender(ReportedAggregator aggregator, ReportedLink link, Backoff backoff) {
        this.aggregator = aggregator;
        this.link = link;
        this.backoff = backoff;
    }

    /** Tells the sender that there may be work now (a new patch, or a connection). */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Tells the sender that the hub is (again) reachable: a pending retry is made at once. */
    public void connectionUp() {
        retryAfterNanos = System.nanoTime();
        wake();
    }

    /**
     * Waits until every queued patch was confirmed, or the time is up.
     *
     * @param atMost how long to wait
     * @return whether the outbox is empty
     */
    public boolean awaitEmpty(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        synchronized (signal) {
            while (aggregator.pendingPatches() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    signal.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return aggregator.pendingPatches() == 0;
                }
            }
            return true;
        }
    }

    /** Runs until the thread is interrupted. */
    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                sendOnce();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendOnce() throws InterruptedException {
        long untilRetry = retryAfterNanos - System.nanoTime();
        if (untilRetry > 0) {
            await(Duration.ofNanos(untilRetry));
            return;
        }
        if (!link.isConnected()) {
            await(IDLE_CHECK);
            return;
        }
        Optional<OutboxEntry> next = aggregator.nextPatch();
        if (next.isEmpty()) {
            Duration held = aggregator.holdLeft();
            await(held.isZero() ? IDLE_CHECK : held);
            return;
        }
        OutboxEntry entry = next.get();
        try {
            link.sendReported(refusals.current(entry));
            if (refusals.confirmed()) {
                aggregator.confirmed(entry.sequence());
            }
            backoff.reset();
            signalProgress();
            LOG.debug("reported patch #{} confirmed ({} bytes)", entry.sequence(), entry.json().length());
        } catch (ReportFailure e) {
            if (e.permanent()) {
                refused(entry, e);
            } else {
                Duration pause = pause();
                LOG.info("reported patch not confirmed sequence={} reason=\"{}\" retryInMs={}", entry.sequence(),
                        e.getMessage(), pause.toMillis());
            }
        } catch (RuntimeException e) {
            Duration pause = pause();
            LOG.error("reported patch not sent sequence={} reason=\"{}\" retryInMs={}", entry.sequence(), e,
                    pause.toMillis());
        }
    }

    private void signalProgress() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Splits a refused patch, drops only informational parts, keeps acks (see {@link RefusedPatches}). */
    private void refused(OutboxEntry entry, ReportFailure failure) {
        if (refusals.refused(failure) == RefusedPatches.Next.RETRY_LATER) {
            pause();
        } else if (refusals.done()) {
            aggregator.confirmed(entry.sequence());
            signalProgress();
        }
    }

    private Duration pause() {
        Duration pause = backoff.next();
        retryAfterNanos = System.nanoTime() + pause.toNanos();
        return pause;
    }

    private void await(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        synchronized (signal) {
            long left = atMost.toNanos();
            while (!woken && left > 0) {
                signal.wait(Math.max(1, left / 1_000_000));
                left = deadline - System.nanoTime();
            }
            woken = false;
        }
    }
}
