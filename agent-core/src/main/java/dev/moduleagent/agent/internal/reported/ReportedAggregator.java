package dev.moduleagent.agent.internal.reported;

import dev.moduleagent.agent.internal.dispatch.Ack;
import dev.moduleagent.agent.internal.dispatch.AckSink;
import dev.moduleagent.agent.internal.dispatch.AppliedRecord;
import dev.moduleagent.api.ReportedProperties;
import dev.moduleagent.twin.Json;
import dev.moduleagent.twin.MergePatch;
import dev.moduleagent.twin.PnpComponent;
import dev.moduleagent.twin.TwinLimits;
import dev.moduleagent.twin.TwinRules;
import dev.moduleagent.twin.TwinValues;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Collects everything the agent and its plug-ins report into per-component sections ({@code "__t": "c"}), coalesces
 * them into as few patches as possible and keeps them in the durable outbox until the hub confirms them, so that
 * nothing reported while offline, or before a restart, is lost. Patches leave in order, each within
 * {@link TwinLimits#MAX_PATCH_BYTES}.
 *
 * <p>Only the newest outbox entry is open for coalescing; the entry being sent is sealed first, so a patch is never
 * changed while the hub is reading it.
 *
 * <p>While a desired change is being handled ({@link #hold()}), the newest entry is not handed out, so that the change
 * is answered with one patch; older entries still leave.
 *
 * <p>It also keeps, durably, the agent's own view of every section it reported ({@link #reconcile}), so that after a
 * reconnect whatever differs on the hub (a stale patch re-sent by the SDK) is reported again, newest value last.
 */
public final class ReportedAggregator implements ReportedProperties, AckSink {

    /** The agent's own component. */
    public static final String AGENT_COMPONENT = "agent";
    /** The IoT Plug and Play component marker key and value. */
    static final String MARKER_KEY = PnpComponent.MARKER_KEY;
    static final String MARKER_VALUE = PnpComponent.MARKER_VALUE;
    /** How long the newest patch waits at most for the work on a desired change (a plug-in's first progress report). */
    static final Duration DEFAULT_MAX_HOLD = Duration.ofSeconds(1);

    private final OutboxStore store;
    private final int maxPatchBytes;
    private final SendHold hold;
    private volatile Runnable onNewWork = () -> { };
    private final Map<String, Map<String, Object>> own = new LinkedHashMap<>();
    private Map<String, Object> tail;
    private long tailSequence = -1;
    private long lastSequence;

    /**
     * @param store the durable outbox
     * @param maxPatchBytes the largest patch, {@link TwinLimits#MAX_PATCH_BYTES} in production
     */
    public ReportedAggregator(OutboxStore store, int maxPatchBytes) {
        this(store, maxPatchBytes, DEFAULT_MAX_HOLD);
    }

    /**
     * @param store the durable outbox
     * @param maxPatchBytes the largest patch, {@link TwinLimits#MAX_PATCH_BYTES} in production
     * @param maxHold the longest the newest patch is kept back while a desired change is handled
     */
    public ReportedAggregator(OutboxStore store, int maxPatchBytes, Duration maxHold) {
        this.store = Objects.requireNonNull(store, "store");
        this.maxPatchBytes = maxPatchBytes;
        this.hold = new SendHold(maxHold);
        this.lastSequence = store.lastOutboxSequence();
        store.reportedSections().forEach((component, json) -> own.put(component, Json.readObject(json)));
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
        checkPluginReport(component, properties);
        reportReadOnly(component, properties);
    }

    /**
     * The checks of {@link ReportedProperties#report} before any other: properties given, and not the agent's own
     * component.
     *
     * @param component the component name
     * @param properties the properties
     * @throws IllegalArgumentException for the component {@value #AGENT_COMPONENT}
     */
    static void checkPluginReport(String component, Map<String, ?> properties) {
        Objects.requireNonNull(properties, "properties");
        if (AGENT_COMPONENT.equals(component)) {
            throw new IllegalArgumentException("component '" + AGENT_COMPONENT + "' is reserved for the agent itself");
        }
    }

    @Override
    public void reportReadOnly(String component, Map<String, ?> properties) {
        add(component, checkedReadOnly(component, properties), null);
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
        return TwinValues.checkedCopy(properties, component, 1);
    }

    /**
     * Reports the agent's own properties (component {@value #AGENT_COMPONENT}).
     *
     * @param properties the properties; {@code null} values delete
     */
    public void reportAgent(Map<String, ?> properties) {
        add(AGENT_COMPONENT, TwinValues.checkedCopy(properties, AGENT_COMPONENT, 1), null);
    }

    @Override
    public void acknowledge(String component, Map<String, Object> desired, Ack ack) {
        Map<String, Object> section = ackSection(component, desired, ack);
        if (!section.isEmpty()) {
            add(component, section, null);
        }
    }

    @Override
    public void acknowledgeApplied(String component, Map<String, Object> desired, Ack ack, AppliedRecord record) {
        add(component, ackSection(component, desired, ack), record);
    }

    /**
     * Compares the hub's reported properties, as they will be once the patches still queued have reached it, with
     * what the agent reported, and queues a patch with the differences of each component the agent reported to, so
     * that the newest values win again after a stale patch.
     *
     * @param hubReported the reported properties of a twin just read
     * @return the components that differed
     */
    public List<String> reconcile(Map<String, Object> hubReported) {
        Map<String, Map<String, Object>> fixes = new LinkedHashMap<>();
        synchronized (this) {
            @SuppressWarnings("unchecked")
            Map<String, Object> expected = (Map<String, Object>) TwinValues.copy(hubReported);
            store.outboxEntries().forEach(entry -> MergePatch.apply(expected, Json.readObject(entry.json())));
            own.forEach((component, section) -> {
                Object held = expected.get(component);
                Map<String, Object> patch = ReportedDiff.between(section, held instanceof Map<?, ?> map ? map : null);
                if (!patch.isEmpty()) {
                    fixes.put(component, patch);
                }
            });
        }
        fixes.forEach((component, patch) -> add(component, patch, null));
        return List.copyOf(fixes.keySet());
    }

    /** The acks of a section (see {@link AckValues}); empty when no property can carry one. */
    private static Map<String, Object> ackSection(String component, Map<String, Object> desired, Ack ack) {
        TwinRules.checkKey(component, "component name");
        Map<String, Object> section = AckValues.section(component, desired, ack);
        return section.isEmpty() ? Map.of() : TwinValues.checkedCopy(section, component, 1);
    }

    /**
     * Keeps the newest patch open (not handed out by {@link #nextPatch()}) until every hold is released, or at most
     * the maximum hold: for the handling of a desired change. Every call needs one {@link #release()}.
     */
    public void hold() {
        hold.acquire();
    }

    /** Ends one {@link #hold()}; the last one tells the sender that the newest patch may leave. */
    public void release() {
        if (hold.release()) {
            onNewWork.run();
        }
    }

    /** Ends every hold (the agent stops: the queued patches should leave before the connection closes). */
    public void endHolds() {
        hold.clear();
        onNewWork.run();
    }

    /** @return how much longer the newest patch is kept back (zero when it may leave) */
    public Duration holdLeft() {
        return hold.left();
    }

    /**
     * Hands out the oldest queued patch and seals it against further coalescing; the newest one not while it is held.
     *
     * @return the oldest entry, if any may leave now
     */
    public synchronized Optional<OutboxEntry> nextPatch() {
        Optional<OutboxEntry> first = store.firstOutboxEntry();
        if (first.isPresent() && first.get().sequence() == tailSequence && !hold.left().isZero()) {
            return Optional.empty();
        }
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

    /** Queues a section's patch, updates the agent's own view of it and, for a final ack, the applied record. */
    private void add(String component, Map<String, Object> section, AppliedRecord completes) {
        Map<String, Object> marked = withMarker(section);
        boolean recordOnly = section.isEmpty() && completes != null;
        List<Map<String, Object>> chunks = recordOnly ? List.of()
                : PatchSplitter.split(component, marked, maxPatchBytes);
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
            Map<String, Object> ownSection = recordOnly ? null : ownAfter(component, marked);
            store.saveOutbox(new OutboxWrite(writes, ownSection == null ? Map.of()
                    : Map.of(component, Json.write(ownSection)), completes == null ? null : component, completes));
            if (ownSection != null) {
                own.put(component, ownSection);
            }
            tail = newTail;
            tailSequence = newTailSequence;
            lastSequence = newLast;
        }
        if (!chunks.isEmpty()) {
            onNewWork.run();
        }
    }

    /** Must hold the lock: the agent's view of a section after a patch to it. */
    private Map<String, Object> ownAfter(String component, Map<String, Object> marked) {
        @SuppressWarnings("unchecked")
        Map<String, Object> section = own.containsKey(component)
                ? (Map<String, Object>) TwinValues.copy(own.get(component)) : new LinkedHashMap<>();
        MergePatch.apply(section, marked);
        return section;
    }

    private Map<String, Object> coalesce(Map<String, Object> current, Map<String, Object> chunk) {
        if (!MergePatch.composable(current, chunk)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> candidate = (Map<String, Object>) TwinValues.copy(current);
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
