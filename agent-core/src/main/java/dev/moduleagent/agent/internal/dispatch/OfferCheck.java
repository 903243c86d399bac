package dev.moduleagent.agent.internal.dispatch;

import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Validation;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plug-in's {@code validate} on a newer section before it may supersede the work in flight, off the caller's
 * thread and with a deadline, so that an invalid newer section is refused without aborting a valid install and a
 * plug-in that hangs in {@code validate} stalls neither the hub session nor the lane.
 */
final class OfferCheck {

    /** How the check ended. */
    @FunctionalInterface
    interface Verdict {
        /**
         * @param work the section checked
         * @param refusal the acknowledgement that refuses it (400 rejected, 500 validate failed), or {@code null}
         *     when it was accepted or the plug-in did not answer in time: then it goes the usual way
         */
        void settled(Work work, Ack refusal);
    }

    private static final Logger LOG = LoggerFactory.getLogger(OfferCheck.class);
    /** A validate that takes longer is not waited for: the section then supersedes as without the check. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private OfferCheck() {
    }

    /**
     * Starts the check; {@code verdict} is called exactly once, on a plug-in or timer thread.
     *
     * @return whether it started (false when the dispatcher is stopping)
     */
    static boolean start(ComponentHandler handler, Work work, DispatchExecutors executors, Verdict verdict) {
        AtomicBoolean settled = new AtomicBoolean();
        try {
            executors.plugins().execute(() -> {
                Ack refusal = refusal(handler, work.section());
                if (settled.compareAndSet(false, true)) {
                    verdict.settled(work, refusal);
                }
            });
            executors.timer().schedule(() -> {
                if (settled.compareAndSet(false, true)) {
                    LOG.warn("validate timed out component={} version={} waited=\"{}\" action=hand-over",
                            work.section().component(), work.section().version(), Durations.describe(WAIT));
                    verdict.settled(work, null);
                }
            }, WAIT.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** @return the refusing acknowledgement, or {@code null} when the plug-in accepts the section */
    static Ack refusal(ComponentHandler handler, DesiredSection section) {
        Validation validation;
        try {
            validation = handler.validate(section);
        } catch (RuntimeException e) {
            LOG.warn("validate failed component={} version={} reason=\"{}\"", section.component(), section.version(),
                    e.toString());
            return new Ack(500, section.version(), ApplyRun.messageOf(e));
        }
        if (validation == null) {
            return new Ack(500, section.version(), "the plug-in's validate() returned null");
        }
        if (!validation.accepted()) {
            return new Ack(400, section.version(),
                    validation.reason().isEmpty() ? "rejected by the plug-in" : validation.reason());
        }
        return null;
    }
}
