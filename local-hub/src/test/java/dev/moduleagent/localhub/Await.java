package dev.moduleagent.localhub;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** Waiting in tests: on a condition polled with a deadline, or on a queue, never a bare sleep. */
final class Await {

    private Await() {
    }

    static void until(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Takes items until one matches, failing at the deadline. */
    static <T> T take(BlockingQueue<T> queue, Duration timeout, Predicate<T> match, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            T item = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (item == null) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            if (match.test(item)) {
                return item;
            }
        }
    }
}
