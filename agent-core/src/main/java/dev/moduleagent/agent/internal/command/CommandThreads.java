package dev.moduleagent.agent.internal.command;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads commands run on ({@code agent-command-*}, at most {@link #MAX_CONCURRENT}) and the one that times them
 * out ({@code agent-command-timer}); never the SDK's threads.
 */
public final class CommandThreads implements AutoCloseable {

    /** How many commands may run at the same time. */
    public static final int MAX_CONCURRENT = 8;

    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor timer;

    /** Starts no thread yet; they are made on demand and end when idle. */
    public CommandThreads() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_CONCURRENT, MAX_CONCURRENT, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> daemon(runnable, "agent-command-" + count.incrementAndGet()));
        pool.allowCoreThreadTimeOut(true);
        workers = pool;
        timer = new ScheduledThreadPoolExecutor(1, runnable -> daemon(runnable, "agent-command-timer"));
        timer.setRemoveOnCancelPolicy(true);
    }

    void run(Runnable task) {
        workers.execute(task);
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops taking calls and interrupts the running ones. */
    @Override
    public void close() {
        workers.shutdownNow();
        timer.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
