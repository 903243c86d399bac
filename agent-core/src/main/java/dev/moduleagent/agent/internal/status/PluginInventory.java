package dev.moduleagent.agent.internal.status;

import dev.moduleagent.agent.internal.dispatch.Ack;
import dev.moduleagent.agent.internal.dispatch.DispatchListener;
import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.agent.internal.dispatch.LaneState;
import dev.moduleagent.agent.internal.json.Json;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plug-in inventory in the {@code agent} component ({@code plugins.<component>}: bundle, version, state, last
 * acknowledged {@code av}/{@code ac}, last error), and one telemetry event per acknowledged outcome. An entry
 * disappears when its plug-in is gone and no section waits for it.
 */
public final class PluginInventory implements DispatchListener {

    private static final Logger LOG = LoggerFactory.getLogger(PluginInventory.class);

    private final AgentReports reports;
    private final EventSink events;
    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();

    /**
     * @param reports where the inventory goes
     * @param events where the applied-change events go
     * @param clock the time source for event timestamps
     */
    public PluginInventory(AgentReports reports, EventSink events, Clock clock) {
        this.reports = reports;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void handlerChanged(String component, HandlerInfo handler) {
        update(component, entry -> entry.handler = handler);
    }

    @Override
    public void stateChanged(String component, LaneState state) {
        update(component, entry -> entry.state = state);
    }

    @Override
    public void outcome(String component, Ack ack) {
        update(component, entry -> {
            entry.av = ack.version();
            entry.ac = ack.code();
            entry.lastError = ack.code() >= 400 ? ack.description() : null;
        });
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "desiredApplied");
        event.put("component", component);
        event.put("av", ack.version());
        event.put("ac", ack.code());
        event.put("ad", ack.description());
        event.put("time", clock.instant().toString());
        events.send("agent", Json.write(event));
    }

    /** Reports under the lock, so that two threads' updates reach the outbox in the order they were made. */
    private synchronized void update(String component, Consumer<Entry> change) {
        Entry entry = entries.computeIfAbsent(component, c -> new Entry());
        change.accept(entry);
        Map<String, Object> reported = entry.toReported();
        if (reported == null) {
            entries.remove(component);
        }
        Map<String, Object> plugins = new HashMap<>();
        plugins.put(component, reported);
        try {
            reports.reportAgent(Map.of("plugins", plugins));
        } catch (RuntimeException e) {
            LOG.warn("inventory entry for component {} not reported: {}", component, e.getMessage());
        }
    }

    /** One component's inventory entry. */
    private static final class Entry {
        private HandlerInfo handler;
        private LaneState state = LaneState.IDLE;
        private Long av;
        private Integer ac;
        private String lastError;

        /** @return the reported form, or {@code null} when the entry should disappear */
        Map<String, Object> toReported() {
            if (handler == null && state != LaneState.WAITING_FOR_PLUGIN && state != LaneState.APPLYING) {
                return null;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("bundle", handler == null ? null : handler.bundle());
            map.put("bundleVersion", handler == null ? null : handler.bundleVersion());
            map.put("state", handler == null && state == LaneState.IDLE ? "absent" : state.label());
            map.put("av", av);
            map.put("ac", ac);
            map.put("lastError", lastError);
            return map;
        }
    }
}
