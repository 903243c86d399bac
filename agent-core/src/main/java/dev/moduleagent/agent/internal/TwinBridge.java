package dev.moduleagent.agent.internal;

import dev.moduleagent.agent.internal.dispatch.DesiredFeed;
import dev.moduleagent.agent.internal.health.HealthState;
import dev.moduleagent.agent.internal.hub.ConnectionState;
import dev.moduleagent.agent.internal.hub.DesiredPatch;
import dev.moduleagent.agent.internal.hub.SessionListener;
import dev.moduleagent.agent.internal.hub.TwinSnapshot;
import dev.moduleagent.agent.internal.reported.ReportedAggregator;
import dev.moduleagent.agent.internal.status.AgentStatus;
import dev.moduleagent.twin.Json;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects what the hub session learns to the rest of the agent: twins and patches to the desired feed, the twin's
 * reported side to the aggregator (which re-reports what differs), connection changes and arrival times to the
 * agent's status; logs the twin read at start (as the seed program does).
 */
final class TwinBridge implements SessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(TwinBridge.class);
    private static final int MAX_LOGGED_CHARS = 8 * 1024;

    private final DesiredFeed feed;
    private final AgentStatus status;
    private final ReportedAggregator reported;
    private final HealthState health;

    TwinBridge(DesiredFeed feed, AgentStatus status, ReportedAggregator reported, HealthState health) {
        this.feed = feed;
        this.status = status;
        this.reported = reported;
        this.health = health;
    }

    @Override
    public void connectionChanged(ConnectionState state, String reason) {
        status.connectionChanged(state, reason);
        health.connectionChanged(state, reason);
    }

    @Override
    public void twinRead(TwinSnapshot twin, boolean first) {
        if (first) {
            LOG.info("twin read at start desiredVersion={} desired=\"{}\" reported=\"{}\"", twin.desiredVersion(),
                    cut(Json.describe(twin.desired())), cut(Json.describe(twin.reported())));
        } else {
            LOG.info("twin read again desiredVersion={}", twin.desiredVersion());
        }
        reported.hold();
        try {
            List<String> differed = reported.reconcile(twin.reported());
            if (!differed.isEmpty()) {
                LOG.info("reported differ from hub components=\"{}\" action=report-again", differed);
            }
            feed.onTwin(twin.desiredVersion(), twin.desired());
        } finally {
            reported.release();
        }
    }

    /** The arrival is reported in the same patch as what the plug-ins answer (the lanes hold it until then). */
    @Override
    public boolean desiredChanged(DesiredPatch patch) {
        LOG.info("desired patch received version={}", patch.version());
        reported.hold();
        try {
            status.desiredReceived(patch.version());
            health.desiredReceived(patch.version());
            return feed.onPatch(patch.version(), patch.changes());
        } finally {
            reported.release();
        }
    }

    private static String cut(String json) {
        return json.length() <= MAX_LOGGED_CHARS ? json : json.substring(0, MAX_LOGGED_CHARS) + "…(cut)";
    }
}
