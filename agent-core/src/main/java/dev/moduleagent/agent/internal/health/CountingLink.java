package dev.moduleagent.agent.internal.health;

import dev.moduleagent.agent.internal.reported.ReportFailure;
import dev.moduleagent.agent.internal.reported.ReportedLink;
import java.util.Map;

/** The hub side of the outbox, counted: every patch the hub confirms or fails goes into the metrics. */
public final class CountingLink implements ReportedLink {

    private final ReportedLink link;
    private final AgentMetrics metrics;

    /**
     * @param link the real link (the hub session)
     * @param metrics where to count
     */
    public CountingLink(ReportedLink link, AgentMetrics metrics) {
        this.link = link;
        this.metrics = metrics;
    }

    @Override
    public boolean isConnected() {
        return link.isConnected();
    }

    @Override
    public void sendReported(Map<String, Object> patch) throws ReportFailure, InterruptedException {
        try {
            link.sendReported(patch);
            metrics.patchSent(true);
        } catch (ReportFailure e) {
            metrics.patchSent(false);
            throw e;
        }
    }
}
