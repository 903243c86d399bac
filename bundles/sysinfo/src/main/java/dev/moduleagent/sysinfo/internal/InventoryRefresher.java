package dev.moduleagent.sysinfo.internal;

import dev.moduleagent.api.ReportedProperties;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the inventory through the agent's {@link ReportedProperties} on one thread of its own, at once and then at
 * a fixed delay that can change at any time. The thread ends when the refresher is closed.
 */
final class InventoryRefresher implements AutoCloseable {

    static final String THREAD_NAME = "sysinfo-refresh";
    private static final Logger LOG = LoggerFactory.getLogger(InventoryRefresher.class);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, THREAD_NAME);
        thread.setDaemon(true);
        return thread;
    });
    private final SystemInventory inventory;
    private final ReportedProperties reported;
    private final String component;
    private ScheduledFuture<?> schedule;

    InventoryRefresher(SystemInventory inventory, ReportedProperties reported, String component) {
        this.inventory = inventory;
        this.reported = reported;
        this.component = component;
    }

    /** Reports now, then every {@code interval}, replacing the previous schedule. */
    synchronized void every(Duration interval) {
        if (schedule != null) {
            schedule.cancel(false);
        }
        schedule = executor.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Collects and reports the inventory now, on the refresh thread (so never concurrently with a scheduled refresh).
     *
     * @param atMost how long to wait for it
     * @return the inventory just reported
     * @throws Exception when collecting or reporting failed, or it took longer than {@code atMost}
     */
    Map<String, Object> refreshNow(Duration atMost) throws Exception {
        Future<Map<String, Object>> done = executor.submit(() -> {
            Map<String, Object> collected = inventory.collect();
            reported.report(component, collected);
            return collected;
        });
        try {
            return done.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            done.cancel(true);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("sysinfo refresh thread still running waitedSeconds=5");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refresh() {
        try {
            reported.report(component, inventory.collect());
        } catch (RuntimeException e) {
            LOG.warn("sysinfo report refused reason=\"{}\"", e.getMessage());
        }
    }
}
