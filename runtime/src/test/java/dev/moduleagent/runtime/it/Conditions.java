package dev.moduleagent.runtime.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something to become true, with a deadline and a message saying what did not happen. */
final class Conditions {

    static final Duration POLL = Duration.ofMillis(50);

    private Conditions() {
    }

    /**
     * @return the time it took
     * @throws AssertionError when the deadline passed
     */
    static Duration await(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
        return await(what, deadline, POLL, condition);
    }

    /**
     * @return the time it took
     * @throws AssertionError when the deadline passed
     */
    static Duration await(String what, Duration deadline, Duration poll, BooleanSupplier condition)
            throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > deadline.toNanos()) {
                throw new AssertionError("not within " + deadline.toSeconds() + " s: " + what);
            }
            Thread.sleep(poll.toMillis());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Waits until a text file (a log) contains the text. */
    static void awaitText(Path file, String text, Duration deadline) throws InterruptedException {
        await(file.getFileName() + " contains \"" + text + "\"", deadline, () -> contains(file, text));
    }

    static boolean contains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
