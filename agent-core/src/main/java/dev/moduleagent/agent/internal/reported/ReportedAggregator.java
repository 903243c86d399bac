package dev.moduleagent.agent.internal.reported;

import dev.moduleagent.agent.internal.dispatch.Ack;
import dev.moduleagent.agent.internal.dispatch.AckSink;
import dev.moduleagent.agent.internal.json.Json;
import dev.moduleagent.api.ReportedProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Collects everything the agent and its plug-ins report into per-component sections ({@code "__t": "c"}), coalesces
 * them into as few patches as possible and keeps them in the durable outbox until the hub confirms them, so that
 * nothing reported while offline, or before a restart, is lost. Patches leave in order, each within
 * {@link TwinRules#MAX_PATCH_BYTES}.
 *
 * <p>Only the newest outbox entry is open for coalescing; the entry being sent is sealed first, so a patch is never
 * changed while the hub is reading it.
 */
public final class ReportedAggregator implements ReportedProperties, AckSink {

    /** The agent's own component. */
    public static final String AGENT_COMPONENT = "agent";
    /** The IoT Plug and Play component marker key and value. */
    static final String MARKER_KEY = "__t";
    static final String MARKER_VALUE = "c";

    private final OutboxStore store;
    private final int maxPatchBytes;
    private volatile Runnable onNewWork = () -> { };
    private Map<String, Object> tail;
    private long tailSequence = -1;
    private long lastSequence;

    /**
     * @param store the durable outbox
     * @param maxPatchBytes the largest patch, {@link TwinRules#MAX_PATCH_BYTES} in production
     */
    public ReportedAggregator(OutboxStore store, int maxPatchBytes) {
        this.store = Objects.requireNonNull(store, "store");
        this.maxPatchBytes = maxPatchBytes;
        this.lastSequence = store.lastOutboxSequence();
    }

    /** @param listener called (on the reporting thread) whenever a new patch is queued */
    public void onNewWork(Runnable listener) {
        this.onNewWork = Objects.requireNonNull(listener, "listener");
    }

    /**
     * {@inheritDoc}
     *
     * <p>The component {@value #AGENT_COMPONENT} belongs to the agent and is refused here, as are top-level keys
     * starting with {@code "__"}.
     */
    @Override
    public void report(String component, Map<String, ?> properties) {
        Objects.requireNonNull(properties, "properties");
        if (AGENT_COMPONENT.equals(component)) {
            throw new IllegalArgumentException("component '" + AGENT_COMPONENT + "' is reserved for the agent itself");
        }
        reportReadOnly(component, properties);
    }

    @Override
    public void reportReadOnly(String component, Map<String, ?> properties) {
        add(component, checkedReadOnly(component, properties));
    }

    /**
     * @param component the component name
     * @param properties a plug-in's read-only properties
     * @return a checked copy
     * @throws IllegalArgumentException when the name, a key or a value breaks the twin rules
     */
    static Map<String, Object> checkedReadOnly(String component, Map<String, ?> properties) {
        TwinRules.checkKey(component, "component name");
        for (Object key : properties.keySet()) {
            if (key instanceof String text && text.startsWith("__")) {
                throw new IllegalArgumentException("property name '" + text + "' of component '" + component
                        + "' starts with '__', which is reserved for IoT Plug and Play markers");
            }
        }
        return ReportedValues.object(properties, component, 1);
    }

    /**
     * Reports the agent's own properties (component {@value #AGENT_COMPONENT}).
     *
     * @param properties the properties; {@code null} values delete
     */
    public void reportAgent(Map<String, ?> properties) {
        add(AGENT_COMPONENT, ReportedValues.object(properties, AGENT_COMPONENT, 1));
    }

    @Override
    public void acknowledge(String component, Map<String, Object> desired, Ack ack) {
        if (desired.isEmpty()) {
            return;
        }
        TwinRules.checkKey(component, "component name");
        Map<String, Object> section = AckValues.section(component, desired, ack);
        if (!section.isEmpty()) {
            add(component, ReportedValues.object(section, component, 1));
        }
    }

    /**
     * Hands out the oldest queued patch and seals it against further coalescing.
     *
     * @return the oldest entry, if any
     */
    public synchronized Optional<OutboxEntry> nextPatch() {
        Optional<OutboxEntry> first = store.firstOutboxEntry();
        if (first.isPresent() && first.get().sequence() == tailSequence) {
            tail = null;
            tailSequence = -1;
        }
        return first;
    }

    /**
     * Removes a patch the hub confirmed (or refused for good).
     *
     * @param sequence the entry's sequence number
     */
    public void confirmed(long sequence) {
        store.removeOutbox(sequence);
    }

    /** @return the number of patches waiting */
    public int pendingPatches() {
        return store.outboxSize();
    }

    private void add(String component, Map<String, Object> section) {
        List<Map<String, Object>> chunks = PatchSplitter.split(component, withMarker(section), maxPatchBytes);
        synchronized (this) {
            Map<Long, String> writes = new LinkedHashMap<>();
            Map<String, Object> newTail = tail;
            long newTailSequence = tailSequence;
            long newLast = lastSequence;
            for (Map<String, Object> chunk : chunks) {
                Map<String, Object> merged = newTail == null ? null : coalesce(newTail, chunk);
                if (merged != null) {
                    newTail = merged;
                } else {
                    newTail = chunk;
                    newTailSequence = ++newLast;
                }
                writes.put(newTailSequence, Json.write(newTail));
            }
            store.saveOutbox(writes);
            tail = newTail;
            tailSequence = newTailSequence;
            lastSequence = newLast;
        }
        onNewWork.run();
    }

    private Map<String, Object> coalesce(Map<String, Object> current, Map<String, Object> chunk) {
        if (!MergePatch.composable(current, chunk)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> candidate = (Map<String, Object>) MergePatch.copy(current);
        MergePatch.compose(candidate, chunk);
        return Json.sizeInBytes(candidate) <= maxPatchBytes ? candidate : null;
    }

    private static Map<String, Object> withMarker(Map<String, Object> section) {
        Map<String, Object> marked = new LinkedHashMap<>();
        marked.put(MARKER_KEY, MARKER_VALUE);
        marked.putAll(section);
        return marked;
    }
}
