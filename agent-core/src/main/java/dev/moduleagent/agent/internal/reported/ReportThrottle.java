package dev.moduleagent.agent.internal.reported;

import dev.moduleagent.agent.internal.dispatch.Ack;
import dev.moduleagent.agent.internal.dispatch.AckSink;
import dev.moduleagent.agent.internal.dispatch.AppliedRecord;
import dev.moduleagent.api.ReportedProperties;
import dev.moduleagent.twin.Json;
import dev.moduleagent.twin.MergePatch;
import dev.moduleagent.twin.TwinLimits;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands between plug-ins and the durable outbox so that a plug-in that reports in a tight loop cannot flood the
 * state file (each outbox write rewrites the newest patch): per component, the first read-only report is written at
 * once, later ones within the interval are merged in memory (the latest value of each property wins) and written when
 * the interval is over — at most one outbox write per component per interval, plus one per
 * {@value TwinLimits#MAX_PATCH_BYTES} bytes of distinct properties. Reports are checked at the call, so a plug-in
 * still gets its {@link IllegalArgumentException} at once. Acknowledgements are not delayed.
 */
public final class ReportThrottle implements ReportedProperties, AckSink {

    private static final Logger LOG = LoggerFactory.getLogger(ReportThrottle.class);

    private final ReportedAggregator target;
    private final ScheduledExecutorService timer;
    private final long intervalNanos;
    private final Map<String, Lane> lanes = new HashMap<>();

    /**
     * @param target the outbox
     * @param timer writes merged reports when their interval is over (owned by the caller)
     * @param interval the shortest time between two outbox writes of one component's reports
     */
    public ReportThrottle(ReportedAggregator target, ScheduledExecutorService timer, Duration interval) {
        this.target = target;
        this.timer = timer;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void report(String component, Map<String, ?> properties) {
        ReportedAggregator.checkPluginReport(component, properties);
        reportReadOnly(component, properties);
    }

    @Override
    public void reportReadOnly(String component, Map<String, ?> properties) {
        Map<String, Object> checked = ReportedAggregator.checkedReadOnly(component, properties);
        lane(component).offer(checked);
    }

    /** The component's merged reports go first: an acknowledgement in the twin has its plug-in's reports beside it. */
    @Override
    public void acknowledge(String component, Map<String, Object> desired, Ack ack) {
        flush(component);
        target.acknowledge(component, desired, ack);
    }

    @Override
    public void acknowledgeApplied(String component, Map<String, Object> desired, Ack ack, AppliedRecord record) {
        flush(component);
        target.acknowledgeApplied(component, desired, ack, record);
    }

    private void flush(String component) {
        Lane lane;
        synchronized (lanes) {
            lane = lanes.get(component);
        }
        if (lane != null) {
            lane.flush();
        }
    }

    /** Writes every merged report now (before the agent stops). */
    public void flush() {
        Lane[] all;
        synchronized (lanes) {
            all = lanes.values().toArray(new Lane[0]);
        }
        for (Lane lane : all) {
            lane.flush();
        }
    }

    private Lane lane(String component) {
        synchronized (lanes) {
            return lanes.computeIfAbsent(component, Lane::new);
        }
    }

    /** One component's reports: what waits in memory and when the last write was. */
    private final class Lane {
        private final String component;
        private Map<String, Object> waiting;
        private long lastWriteNanos;
        private boolean written;
        private boolean scheduled;

        Lane(String component) {
            this.component = component;
        }

        synchronized void offer(Map<String, Object> properties) {
            long now = System.nanoTime();
            if (waiting == null && (!written || now - lastWriteNanos >= intervalNanos)) {
                write(properties, now);
                return;
            }
            if (waiting != null && !MergePatch.composable(waiting, properties)) {
                write(waiting, now);
                waiting = null;
            }
            if (waiting == null) {
                waiting = new LinkedHashMap<>();
            }
            MergePatch.compose(waiting, properties);
            if (Json.sizeInBytes(waiting) > TwinLimits.MAX_PATCH_BYTES) {
                flush();
            } else {
                schedule(now);
            }
        }

        synchronized void flush() {
            scheduled = false;
            if (waiting != null) {
                Map<String, Object> merged = waiting;
                waiting = null;
                write(merged, System.nanoTime());
            }
        }

        private void schedule(long now) {
            if (scheduled) {
                return;
            }
            try {
                timer.schedule(this::flushLogged, lastWriteNanos + intervalNanos - now, TimeUnit.NANOSECONDS);
                scheduled = true;
            } catch (RejectedExecutionException e) {
                flush();
            }
        }

        private void flushLogged() {
            try {
                flush();
            } catch (RuntimeException e) {
                LOG.error("merged reports not written component={} reason=\"{}\"", component, e.toString());
            }
        }

        private void write(Map<String, Object> properties, long now) {
            target.reportReadOnly(component, properties);
            written = true;
            lastWriteNanos = now;
        }
    }
}
