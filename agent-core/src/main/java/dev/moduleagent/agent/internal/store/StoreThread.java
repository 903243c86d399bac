package dev.moduleagent.agent.internal.store;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that touches the state file. H2 writes through an NIO {@code FileChannel}, which closes for good
 * when the thread using it is interrupted ({@code ClosedByInterruptException}); plug-in threads, the agent's own
 * threads at stop and SIGTERM all interrupt. Callers hand their work over here and wait for it without being
 * interruptible (their interrupt flag is kept and restored), so no interrupt ever reaches the file.
 */
final class StoreThread {

    private final ExecutorService executor;
    private volatile Thread thread;

    StoreThread(String name) {
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread created = new Thread(runnable, name);
            created.setDaemon(true);
            thread = created;
            return created;
        });
    }

    /**
     * Runs work on the store thread and waits for it, whatever interrupts the caller gets meanwhile.
     *
     * @param work the work
     * @param <T> its result type
     * @return its result
     */
    <T> T call(Callable<T> work) {
        if (Thread.currentThread() == thread) {
            return direct(work);
        }
        Future<T> result = executor.submit(work);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw unchecked(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Lets queued work finish and ends the thread (waiting at most {@code atMost}, not interruptibly). */
    void shutdown(Duration atMost) {
        executor.shutdown();
        long deadline = System.nanoTime() + atMost.toNanos();
        boolean interrupted = false;
        while (!executor.isTerminated() && System.nanoTime() < deadline) {
            try {
                executor.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T direct(Callable<T> work) {
        try {
            return work.call();
        } catch (Exception e) {
            throw unchecked(e);
        }
    }

    private static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
