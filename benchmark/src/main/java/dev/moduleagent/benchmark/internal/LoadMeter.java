package dev.moduleagent.benchmark.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the operations the load clients complete inside a measuring window (after a warm-up), and tells them when to
 * stop.
 */
final class LoadMeter {

    private final long windowStart;
    private final long windowEnd;
    private final LongAdder done = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private volatile boolean stop;

    LoadMeter(long windowStartNanos, long windowEndNanos) {
        this.windowStart = windowStartNanos;
        this.windowEnd = windowEndNanos;
    }

    void completed(boolean ok) {
        long now = System.nanoTime();
        if (now >= windowStart && now < windowEnd) {
            (ok ? done : failed).increment();
        }
    }

    boolean stopped() {
        return stop || System.nanoTime() >= windowEnd;
    }

    void stop() {
        stop = true;
    }

    /** @return successful operations per second in the window */
    double perSecond() {
        return done.sum() / ((windowEnd - windowStart) / 1e9);
    }

    long failures() {
        return failed.sum();
    }
}
