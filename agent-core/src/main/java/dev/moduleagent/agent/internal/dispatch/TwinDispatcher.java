package dev.moduleagent.agent.internal.dispatch;

import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.twin.ContentHash;
import dev.moduleagent.twin.TwinRules;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each component's desired section to the plug-in registered for that component (whiteboard), one lane per
 * component: serial within a component, parallel across components. Sections without a plug-in wait in their lane
 * until one arrives.
 *
 * <p>A component whose section disappears from the desired properties (a {@code null} patch) is not handed to its
 * plug-in: work waiting for it is dropped, work in flight is superseded, and the applied record is forgotten, so
 * that the same content applies again if it comes back. Its reported section is left as it is.
 *
 * <p>A section the agent cannot represent (see {@link TwinRules}) is not handed to any plug-in: it is answered
 * with {@code ac} 400 "cannot be represented: …" at once, supersedes the component's older work and is recorded, so
 * the same content is not answered again. A section whose component name IoT Hub would refuse is skipped.
 */
public final class TwinDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TwinDispatcher.class);

    private final AppliedLedger ledger;
    private final AckSink acks;
    private final DispatchListener listener;
    private final DispatchExecutors executors;
    private final Map<String, ComponentLane> lanes = new HashMap<>();
    private final Map<Long, String> componentOfService = new HashMap<>();
    private boolean closed;

    /**
     * @param ledger durable record of what was applied
     * @param acks where acknowledgements go
     * @param listener observer for inventory and events
     * @param executors the threads to use (owned by the caller, who shuts them down after {@link #close()})
     */
    public TwinDispatcher(AppliedLedger ledger, AckSink acks, DispatchListener listener, DispatchExecutors executors) {
        this.ledger = ledger;
        this.acks = acks;
        this.listener = listener;
        this.executors = executors;
    }

    /**
     * Brings every component to the given full set of sections.
     *
     * @param version the desired {@code $version}
     * @param sections every component section of the desired properties at that version
     */
    public synchronized void reconcile(long version, Map<String, Map<String, Object>> sections) {
        if (closed) {
            return;
        }
        sections.forEach((component, properties) -> route(version, component, properties));
        Set<String> gone = new HashSet<>(ledger.appliedComponents());
        gone.addAll(lanes.keySet());
        gone.removeAll(sections.keySet());
        for (String component : gone) {
            lane(component).remove(version);
        }
    }

    private void route(long version, String component, Map<String, Object> properties) {
        try {
            TwinRules.checkKey(component, "component name");
        } catch (IllegalArgumentException e) {
            LOG.warn("desired section skipped version={} reason=\"{}\"", version, e.getMessage());
            return;
        }
        Optional<String> problem = TwinRules.problem(properties, component, 1);
        if (problem.isEmpty()) {
            lane(component).offer(version, properties);
        } else {
            reject(version, component, properties, problem.get());
        }
    }

    /** Answers an unusable section with 400, once per content. */
    private void reject(long version, String component, Map<String, Object> properties, String problem) {
        String hash = ContentHash.of(properties);
        if (ledger.applied(component).filter(record -> record.hash().equals(hash)).isPresent()) {
            return;
        }
        lane(component).remove(version);
        Ack ack = new Ack(400, version, "cannot be represented: " + problem);
        LOG.warn("desired refused component={} version={} description=\"{}\"", component, version, ack.description());
        AppliedRecord record = new AppliedRecord(version, hash, ack.code());
        try {
            acks.acknowledgeApplied(component, properties, ack, record);
        } catch (RuntimeException e) {
            LOG.error("acknowledge failed component={} version={} code=400 reason=\"{}\"", component, version, e.getMessage());
            ledger.recordApplied(component, record);
        }
        listener.outcome(component, ack);
    }

    /**
     * @param info who provides the handler
     * @param handler the plug-in
     */
    public synchronized void addHandler(HandlerInfo info, ComponentHandler handler) {
        if (closed) {
            return;
        }
        componentOfService.put(info.serviceId(), info.component());
        lane(info.component()).addHandler(info, handler);
    }

    /** @param component a component whose newest section its plug-in must apply again (after a rollback) */
    public synchronized void rehand(String component) {
        ComponentLane lane = lanes.get(component);
        if (!closed && lane != null) {
            lane.rehand();
        }
    }

    /** @param serviceId the OSGi service id of a handler that went away */
    public synchronized void removeHandler(long serviceId) {
        String component = componentOfService.remove(serviceId);
        if (component != null && lanes.containsKey(component)) {
            lanes.get(component).removeHandler(serviceId);
        }
    }

    /** Stops dispatching; running plug-in calls are superseded, their outcomes dropped. */
    @Override
    public synchronized void close() {
        closed = true;
        lanes.values().forEach(ComponentLane::close);
    }

    private ComponentLane lane(String component) {
        return lanes.computeIfAbsent(component, c -> new ComponentLane(c, ledger, acks, listener, executors));
    }
}
