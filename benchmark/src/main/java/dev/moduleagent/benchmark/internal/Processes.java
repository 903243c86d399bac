package dev.moduleagent.benchmark.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping a child process the way a service manager does: SIGTERM, then SIGKILL after a grace period. */
final class Processes {

    private Processes() {
    }

    static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
