package dev.moduleagent.benchmark.internal;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** The poll interval of the benchmark's waits (a measurement polls the hub; it has nothing to wait on instead). */
final class Pause {

    private Pause() {
    }

    static void briefly(Duration interval) {
        LockSupport.parkNanos(interval.toNanos());
    }
}
