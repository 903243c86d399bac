package dev.moduleagent.agent.internal.health;

import dev.moduleagent.agent.internal.dispatch.Ack;
import dev.moduleagent.agent.internal.dispatch.DispatchListener;
import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.agent.internal.dispatch.LaneState;
import dev.moduleagent.agent.internal.hub.ConnectionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Whether the agent is healthy, and why not: connected (and the twin read), the reported side in sync (nothing
 * waiting in the outbox for longer than {@link #SYNC_GRACE}), and every plug-in healthy (no section waits for a
 * missing plug-in, no last outcome is a failure, 5xx). It also forwards dispatch events to the metrics.
 */
public final class HealthState implements DispatchListener {

    /** How long queued reports may wait before the twin counts as out of sync. */
    public static final Duration SYNC_GRACE = Duration.ofSeconds(30);

    private final AgentMetrics metrics;
    private final IntSupplier outboxDepth;
    private final Clock clock;
    private final Map<String, LaneState> lanes = new ConcurrentHashMap<>();
    private final Map<String, Integer> lastCodes = new ConcurrentHashMap<>();
    private final Map<String, Instant> applyStarted = new ConcurrentHashMap<>();
    private volatile ConnectionState connection = ConnectionState.CONNECTING;
    private volatile String connectionReason = "starting";
    private volatile Instant outboxBusySince;

    /**
     * @param metrics where events are counted
     * @param outboxDepth how many reported patches wait
     * @param clock the time source
     */
    public HealthState(AgentMetrics metrics, IntSupplier outboxDepth, Clock clock) {
        this.metrics = metrics;
        this.outboxDepth = outboxDepth;
        this.clock = clock;
    }

    /**
     * @param state the connection state
     * @param reason why
     */
    public void connectionChanged(ConnectionState state, String reason) {
        connection = state;
        connectionReason = reason;
        metrics.connection(state == ConnectionState.CONNECTED);
    }

    /** @param version a desired $version just received */
    public void desiredReceived(long version) {
        metrics.desiredReceived(version);
    }

    @Override
    public void handlerChanged(String component, HandlerInfo handler) {
        // the lane's state says whether a section waits for a plug-in
    }

    @Override
    public void stateChanged(String component, LaneState state) {
        lanes.put(component, state);
        if (state == LaneState.APPLYING) {
            applyStarted.put(component, clock.instant());
        }
    }

    @Override
    public void outcome(String component, Ack ack) {
        lastCodes.put(component, ack.code());
        Instant started = applyStarted.remove(component);
        metrics.outcome(component, ack.code(), ack.version(),
                started == null ? null : Duration.between(started, clock.instant()));
    }

    /** @return the problems; empty when healthy */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (connection != ConnectionState.CONNECTED) {
            problems.add("hub connection " + connection + ": " + connectionReason);
        }
        int waiting = outboxDepth.getAsInt();
        Instant now = clock.instant();
        if (waiting == 0) {
            outboxBusySince = null;
        } else if (outboxBusySince == null) {
            outboxBusySince = now;
        } else if (Duration.between(outboxBusySince, now).compareTo(SYNC_GRACE) > 0) {
            problems.add(waiting + " reported patch(es) not confirmed by the hub for "
                    + Duration.between(outboxBusySince, now).toSeconds() + " s");
        }
        new TreeMap<>(lanes).forEach((component, state) -> {
            if (state == LaneState.WAITING_FOR_PLUGIN) {
                problems.add("component " + component + ": a desired section waits for a plug-in");
            }
        });
        new TreeMap<>(lastCodes).forEach((component, code) -> {
            if (code >= 500) {
                problems.add("component " + component + ": last outcome failed (ac " + code + ")");
            }
        });
        return problems;
    }
}
