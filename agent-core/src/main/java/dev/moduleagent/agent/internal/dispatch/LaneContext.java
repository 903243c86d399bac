package dev.moduleagent.agent.internal.dispatch;

import dev.moduleagent.api.ApplyContext;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of one {@code apply} call: progress goes through the per-run throttle as {@code ac} 202,
 * read-only properties straight to the reported side. After the call ended (or timed out) both are ignored.
 */
final class LaneContext implements ApplyContext {

    private static final Logger LOG = LoggerFactory.getLogger(LaneContext.class);

    private final ApplyRun run;
    private final ProgressThrottle throttle;
    private final AckSink acks;

    LaneContext(ApplyRun run, ProgressThrottle throttle, AckSink acks) {
        this.run = run;
        this.throttle = throttle;
        this.acks = acks;
    }

    @Override
    public void progress(String description) {
        if (run.closed() || run.superseded()) {
            LOG.debug("component {}: progress after the end of apply ignored", component());
            return;
        }
        throttle.offer(description == null ? "" : description);
    }

    @Override
    public void report(Map<String, ?> properties) {
        Objects.requireNonNull(properties, "properties");
        if (run.closed()) {
            LOG.debug("component {}: report after the end of apply ignored", component());
            return;
        }
        for (Object key : properties.keySet()) {
            if (run.work().section().properties().containsKey(key)) {
                throw new IllegalArgumentException("'" + key + "' is a desired property of component '" + component()
                        + "' and carries its acknowledgement; report read-only properties under other names");
            }
        }
        acks.reportReadOnly(component(), properties);
    }

    @Override
    public boolean isSuperseded() {
        return run.superseded() || run.closed();
    }

    private String component() {
        return run.work().section().component();
    }
}
