package dev.moduleagent.agent.internal.reported;

import java.time.Duration;

/**
 * Counts who is still working on a desired change (the hub session handing it over, each plug-in lane applying it),
 * so that the outbox keeps its newest patch open until they are done: the change's arrival time, the plug-ins'
 * reports, the acknowledgements and the inventory changes then leave as one patch. A hold ends at the latest after
 * its maximum, so that a slow plug-in never delays what the agent reports by more than that.
 */
final class SendHold {

    private final long maxNanos;
    private int holders;
    private long sinceNanos;

    /** @param max the longest the newest patch is kept back */
    SendHold(Duration max) {
        this.maxNanos = max.toNanos();
    }

    synchronized void acquire() {
        if (holders++ == 0) {
            sinceNanos = System.nanoTime();
        }
    }

    /** @return whether this was the last holder */
    synchronized boolean release() {
        if (holders == 0) {
            return false;
        }
        return --holders == 0;
    }

    /** Ends every hold at once (the agent stops: what is queued should leave now). */
    synchronized void clear() {
        holders = 0;
    }

    /** @return how much longer the newest patch is kept back; zero when nobody holds it or the maximum is over */
    synchronized Duration left() {
        if (holders == 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, sinceNanos + maxNanos - System.nanoTime()));
    }
}
