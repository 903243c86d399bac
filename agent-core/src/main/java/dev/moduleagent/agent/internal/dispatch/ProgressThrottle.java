package dev.moduleagent.agent.internal.dispatch;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Forwards at most one progress report per interval for one application run; reports in between are coalesced so
 * that the latest one goes out when the interval is over. After {@link #close()} nothing more is forwarded, so a
 * late progress can never overwrite the final acknowledgement.
 */
final class ProgressThrottle {

    private final ScheduledExecutorService timer;
    private final long intervalNanos;
    private final Consumer<String> emit;
    private long lastEmitNanos;
    private boolean emitted;
    private String waiting;
    private ScheduledFuture<?> flush;
    private boolean closed;

    ProgressThrottle(ScheduledExecutorService timer, Duration interval, Consumer<String> emit) {
        this.timer = timer;
        this.intervalNanos = interval.toNanos();
        this.emit = emit;
    }

    synchronized void offer(String description) {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        if (!emitted || now - lastEmitNanos >= intervalNanos) {
            send(description, now);
            return;
        }
        waiting = description;
        if (flush == null) {
            try {
                flush = timer.schedule(this::flush, lastEmitNanos + intervalNanos - now, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                closed = true;
            }
        }
    }

    synchronized void close() {
        closed = true;
        waiting = null;
        if (flush != null) {
            flush.cancel(false);
            flush = null;
        }
    }

    private synchronized void flush() {
        flush = null;
        if (!closed && waiting != null) {
            String description = waiting;
            waiting = null;
            send(description, System.nanoTime());
        }
    }

    private void send(String description, long now) {
        emitted = true;
        lastEmitNanos = now;
        emit.accept(description);
    }
}
