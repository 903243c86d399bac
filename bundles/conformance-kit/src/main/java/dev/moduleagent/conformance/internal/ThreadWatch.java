package dev.moduleagent.conformance.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Tells which threads appeared since a snapshot, and waits, with a deadline, for them to end: how the kit checks
 * that a stopped bundle released the threads it started.
 */
public final class ThreadWatch {

    /** Threads the JDK starts for itself on first use of a feature; no bundle owns them. */
    public static final Predicate<Thread> JDK_THREADS = thread -> {
        String name = thread.getName();
        return Set.of("Keep-Alive-Timer", "process reaper", "Common-Cleaner", "Attach Listener",
                "Signal Dispatcher", "Finalizer", "Reference Handler").contains(name)
                || name.startsWith("ForkJoinPool.commonPool-worker");
    };

    private final Set<Thread> before;

    private ThreadWatch(Set<Thread> before) {
        this.before = before;
    }

    /** @return a watch over the threads alive now */
    public static ThreadWatch snapshot() {
        return new ThreadWatch(Set.copyOf(Thread.getAllStackTraces().keySet()));
    }

    /**
     * @param ignored threads not to count
     * @return the live threads started since the snapshot
     */
    public List<Thread> newThreads(Predicate<Thread> ignored) {
        List<Thread> fresh = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && !before.contains(thread) && !ignored.test(thread)) {
                fresh.add(thread);
            }
        }
        return fresh;
    }

    /**
     * Waits until no thread started since the snapshot is alive, or the deadline passes.
     *
     * @param deadline how long to wait
     * @param ignored threads not to count
     * @return the names of the threads still alive at the deadline; empty when all ended
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public List<String> awaitReleased(Duration deadline, Predicate<Thread> ignored) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        List<Thread> alive = newThreads(ignored);
        while (!alive.isEmpty() && System.nanoTime() < end) {
            for (Thread thread : alive) {
                long left = Math.max(1, (end - System.nanoTime()) / 1_000_000);
                thread.join(left);
            }
            alive = newThreads(ignored);
        }
        return names(alive);
    }

    /**
     * @param threads threads
     * @return their names
     */
    public static List<String> names(List<Thread> threads) {
        return threads.stream().map(Thread::getName).sorted().toList();
    }
}
