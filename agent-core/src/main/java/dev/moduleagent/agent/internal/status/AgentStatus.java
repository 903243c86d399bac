package dev.moduleagent.agent.internal.status;

import dev.moduleagent.agent.internal.hub.ConnectionState;
import dev.moduleagent.agent.internal.identity.ModuleIdentity;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's own reported component {@code agent}: version, launch time, identity, connection state and when the
 * last desired change arrived (the seed program's "app launch time" and "desired change received" reports).
 */
public final class AgentStatus {

    private static final Logger LOG = LoggerFactory.getLogger(AgentStatus.class);

    private final AgentReports reports;
    private final Clock clock;

    /**
     * @param reports where the properties go
     * @param clock the time source for timestamps
     */
    public AgentStatus(AgentReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    /**
     * Reports what is known at start.
     *
     * @param agentVersion the agent bundle's version
     * @param identity the checked module identity
     */
    public void started(String agentVersion, ModuleIdentity identity) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("subject", identity.subject());
        id.put("thumbprintSha256", identity.thumbprintSha256());
        id.put("notAfter", identity.notAfter().toString());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("agentVersion", agentVersion);
        properties.put("launchTime", clock.instant().toString());
        properties.put("identity", id);
        report(properties);
    }

    /**
     * @param state the connection state
     * @param reason why
     */
    public void connectionChanged(ConnectionState state, String reason) {
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("state", state.name());
        connection.put("reason", reason.length() > 500 ? reason.substring(0, 500) : reason);
        connection.put("since", clock.instant().toString());
        report(Map.of("connection", connection));
    }

    /** Reports that the agent goes offline on purpose (before a clean stop closes the connection). */
    public void stopping() {
        connectionChanged(ConnectionState.DISCONNECTED, "agent stopped");
    }

    /** @param version the desired {@code $version} of a change that just arrived */
    public void desiredReceived(long version) {
        Map<String, Object> received = new LinkedHashMap<>();
        received.put("time", clock.instant().toString());
        received.put("version", version);
        report(Map.of("lastDesiredReceived", received));
    }

    private void report(Map<String, ?> properties) {
        try {
            reports.reportAgent(properties);
        } catch (RuntimeException e) {
            LOG.error("agent status not reported reason=\"{}\"", e.toString());
        }
    }
}
