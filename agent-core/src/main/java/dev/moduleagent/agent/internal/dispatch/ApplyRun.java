package dev.moduleagent.agent.internal.dispatch;

import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hand-over of a desired section to a plug-in: validate, then apply, on a plug-in thread watched by the lane
 * with the handler's time limit, so that a plug-in that throws or hangs ends as an acknowledgement and never stalls
 * the agent. Whether its result still counts is decided by {@link #superseded()}.
 */
final class ApplyRun {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyRun.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private final Work work;
    private volatile boolean superseded;
    private volatile boolean closed;

    ApplyRun(Work work) {
        this.work = work;
    }

    Work work() {
        return work;
    }

    /** A newer section (or a removal) arrived: the plug-in should stop, and its outcome is not acknowledged. */
    void supersede() {
        superseded = true;
    }

    boolean superseded() {
        return superseded;
    }

    /** The apply call is over (or timed out): the context stops accepting progress and reports. */
    void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    /**
     * @return the acknowledgement of the outcome, or {@code null} when the agent is stopping
     */
    Ack execute(ComponentHandler handler, LaneContext context, ExecutorService plugins) {
        DesiredSection section = work.section();
        Duration timeout = timeoutOf(handler);
        Future<Outcome> call = plugins.submit(() -> validateAndApply(handler, context));
        try {
            Outcome outcome = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Ack(outcome.code(), section.version(), outcome.description());
        } catch (TimeoutException e) {
            call.cancel(true);
            LOG.warn("apply timed out component={} version={} timeout=\"{}\"", section.component(),
                    section.version(), Durations.describe(timeout));
            return new Ack(500, section.version(), "timed out after " + Durations.describe(timeout));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.warn("apply failed component={} version={} reason=\"{}\"", section.component(), section.version(),
                    cause.toString());
            return new Ack(500, section.version(), messageOf(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return null;
        } catch (CancellationException e) {
            return null;
        }
    }

    private Outcome validateAndApply(ComponentHandler handler, LaneContext context) throws Exception {
        Ack refusal = OfferCheck.refusal(handler, work.section());
        if (refusal != null) {
            return new Outcome(refusal.code(), refusal.description());
        }
        Outcome outcome = handler.apply(work.section(), context);
        return outcome != null ? outcome : Outcome.failed("the plug-in's apply() returned no outcome");
    }

    private Duration timeoutOf(ComponentHandler handler) {
        try {
            Duration timeout = handler.timeout();
            if (timeout != null && !timeout.isNegative() && !timeout.isZero()) {
                return timeout;
            }
            LOG.warn("plug-in timeout invalid component={} timeout={} using=\"{}\"", work.section().component(),
                    timeout, Durations.describe(DEFAULT_TIMEOUT));
        } catch (RuntimeException e) {
            LOG.warn("plug-in timeout failed component={} reason=\"{}\" using=\"{}\"", work.section().component(), e,
                    Durations.describe(DEFAULT_TIMEOUT));
        }
        return DEFAULT_TIMEOUT;
    }

    static String messageOf(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
