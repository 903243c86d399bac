package dev.moduleagent.agent.internal.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential back-off with ±20 % jitter, so that many agents that lost the same hub do not come back in
 * lock step. Not thread-safe: each retry loop owns one.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    /**
     * @param initial the first delay
     * @param max the largest delay
     */
    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max, not " + initial + " / " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = initialMillis;
    }

    /** @return the back-off the agent uses towards the hub: 1 s doubling up to 60 s */
    public static Backoff towardsHub() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    /** @return the delay before the next attempt; each call doubles the following one up to the cap */
    public Duration next() {
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, Math.min(maxMillis, Math.round(base * jitter))));
    }

    /** Starts again from the initial delay (after a success). */
    public void reset() {
        nextMillis = initialMillis;
    }
}
