package dev.moduleagent.agent.internal.dispatch;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the dispatcher owns: one pool for component lanes (each lane uses one thread at a time), one for
 * plug-in calls (so a lane can give up on a plug-in that hangs), and one timer for progress throttling.
 *
 * @param lanes runs lane drain loops
 * @param plugins runs validate/apply calls
 * @param timer schedules throttled progress reports
 * @param progressInterval the shortest time between two progress reports of one component
 */
public record DispatchExecutors(ExecutorService lanes, ExecutorService plugins, ScheduledExecutorService timer,
                                Duration progressInterval) {

    /**
     * @param progressInterval the shortest time between two progress reports of one component (1 s in production)
     * @return fresh pools of daemon threads named {@code agent-lane-*}, {@code agent-plugin-*}, {@code agent-progress}
     */
    public static DispatchExecutors create(Duration progressInterval) {
        return new DispatchExecutors(Executors.newCachedThreadPool(named("agent-lane-")),
                Executors.newCachedThreadPool(named("agent-plugin-")),
                Executors.newSingleThreadScheduledExecutor(named("agent-progress-")), progressInterval);
    }

    /**
     * Interrupts running plug-in calls and waits briefly for the threads to end.
     *
     * @param wait how long to wait for each pool
     */
    public void shutdown(Duration wait) {
        lanes.shutdownNow();
        plugins.shutdownNow();
        timer.shutdownNow();
        try {
            lanes.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
            plugins.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
