package dev.moduleagent.agent.internal.status;

import dev.moduleagent.agent.internal.dispatch.Ack;
import dev.moduleagent.agent.internal.dispatch.DispatchListener;
import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.agent.internal.dispatch.LaneState;
import dev.moduleagent.twin.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plug-in inventory in the {@code agent} component ({@code plugins.<component>}: bundle, version, state, last
 * acknowledged {@code av}/{@code ac}, last error), and one telemetry event per acknowledged outcome. An entry
 * disappears when its plug-in is gone and no section waits for it. The list is bounded so that it cannot fill IoT
 * Hub's 32 KB reported document: at most {@value #MAX_REPORT_BYTES} bytes of entries (texts cut at 200 characters),
 * components with a plug-in first, then the most recently changed; {@code pluginsOmitted} counts the others.
 */
public final class PluginInventory implements DispatchListener {

    /** Room for {@code plugins} in the {@code agent} component (JSON bytes); the rest is counted, not listed. */
    static final int MAX_REPORT_BYTES = 8 * 1024;
    private static final int MAX_TEXT = 200;
    private static final Logger LOG = LoggerFactory.getLogger(PluginInventory.class);

    private final AgentReports reports;
    private final EventSink events;
    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();
    private Map<String, Map<String, Object>> shown = new HashMap<>();
    private int shownOmitted;
    private long touches;

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

    /**
     * Reports under the lock, so that two threads' updates reach the outbox in the order they were made. Only the
     * entries of the bounded view are reported; what changed in the view goes out as one merge patch.
     */
    private synchronized void update(String component, Consumer<Entry> change) {
        Entry entry = entries.computeIfAbsent(component, c -> new Entry());
        change.accept(entry);
        entry.touched = ++touches;
        if (!entry.refresh(component)) {
            entries.remove(component);
        }
        Map<String, Map<String, Object>> view = view();
        Map<String, Object> changes = new HashMap<>();
        shown.keySet().stream().filter(name -> !view.containsKey(name)).forEach(name -> changes.put(name, null));
        view.forEach((name, now) -> {
            if (!now.equals(shown.get(name))) {
                changes.put(name, now);
            }
        });
        int omitted = entries.size() - view.size();
        Map<String, Object> patch = new HashMap<>();
        if (!changes.isEmpty()) {
            patch.put("plugins", changes);
        }
        if (omitted != shownOmitted) {
            patch.put("pluginsOmitted", omitted == 0 ? null : omitted);
        }
        if (patch.isEmpty()) {
            return;
        }
        try {
            reports.reportAgent(patch);
            shown = view;
            shownOmitted = omitted;
        } catch (RuntimeException e) {
            LOG.warn("inventory entry not reported component={} reason=\"{}\"", component, e.getMessage());
        }
    }

    /**
     * The entries the twin shows, within {@value #MAX_REPORT_BYTES} bytes: components with a plug-in (or applying)
     * first, then the most recently changed; the rest are only counted ({@code pluginsOmitted}).
     */
    private Map<String, Map<String, Object>> view() {
        List<Map.Entry<String, Entry>> ranked = new ArrayList<>(entries.entrySet());
        ranked.sort(Comparator.comparingInt((Map.Entry<String, Entry> e) -> e.getValue().rank())
                .thenComparing(e -> -e.getValue().touched));
        Map<String, Map<String, Object>> view = new HashMap<>();
        int bytes = 0;
        for (Map.Entry<String, Entry> ranking : ranked) {
            bytes += ranking.getValue().bytes;
            if (bytes > MAX_REPORT_BYTES) {
                break;
            }
            view.put(ranking.getKey(), ranking.getValue().reported);
        }
        return view;
    }

    /** One component's inventory entry. */
    private static final class Entry {
        private HandlerInfo handler;
        private LaneState state = LaneState.IDLE;
        private Long av;
        private Integer ac;
        private String lastError;
        private long touched;
        private Map<String, Object> reported;
        private int bytes;

        /** @return whether the entry stays; updates its reported form and size */
        boolean refresh(String component) {
            reported = toReported();
            if (reported == null) {
                return false;
            }
            bytes = Json.sizeInBytes(Map.of(component, reported)) + 1;
            return true;
        }

        /** @return 0 for a component with a plug-in or one being applied, 1 for one waiting for its plug-in */
        int rank() {
            return handler != null || state == LaneState.APPLYING ? 0 : 1;
        }

        /** @return the reported form, or {@code null} when the entry should disappear */
        Map<String, Object> toReported() {
            if (handler == null && state != LaneState.WAITING_FOR_PLUGIN && state != LaneState.APPLYING) {
                return null;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("bundle", handler == null ? null : cut(handler.bundle()));
            map.put("bundleVersion", handler == null ? null : cut(handler.bundleVersion()));
            map.put("state", handler == null && state == LaneState.IDLE ? "absent" : state.label());
            map.put("av", av);
            map.put("ac", ac);
            map.put("lastError", cut(lastError));
            return map;
        }

        private static String cut(String text) {
            return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
        }
    }
}
