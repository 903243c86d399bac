package dev.moduleagent.agent.internal.testing;

import dev.moduleagent.agent.internal.dispatch.Ack;
import dev.moduleagent.agent.internal.dispatch.AckSink;
import dev.moduleagent.agent.internal.dispatch.AppliedLedger;
import dev.moduleagent.agent.internal.dispatch.AppliedRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Records acknowledgements and read-only reports in arrival order; applied records go to the ledger given first, so
 * a test that sees an ack also sees its record, as production's single commit guarantees.
 */
public final class RecordingAcks implements AckSink {

    /**
     * One acknowledgement.
     *
     * @param component the component
     * @param properties the acknowledged desired properties
     * @param ack the ack
     */
    public record Entry(String component, Map<String, Object> properties, Ack ack) {
    }

    private final List<Entry> acks = new CopyOnWriteArrayList<>();
    private final List<Map<String, ?>> readOnly = new CopyOnWriteArrayList<>();
    private volatile AppliedLedger ledger = new MemoryLedger();

    /**
     * @param target the ledger that final acknowledgements record into (the dispatcher's, as in production)
     * @return this
     */
    public RecordingAcks recordingInto(AppliedLedger target) {
        this.ledger = target;
        return this;
    }

    @Override
    public void acknowledgeApplied(String component, Map<String, Object> desired, Ack ack, AppliedRecord record) {
        ledger.recordApplied(component, record);
        if (!desired.isEmpty()) {
            acks.add(new Entry(component, desired, ack));
        }
    }

    @Override
    public void acknowledge(String component, Map<String, Object> desired, Ack ack) {
        acks.add(new Entry(component, desired, ack));
    }

    @Override
    public void reportReadOnly(String component, Map<String, ?> properties) {
        readOnly.add(Map.of(component, properties));
    }

    /** @return every ack in order */
    public List<Entry> all() {
        return acks;
    }

    /**
     * @param component a component
     * @return its acks in order
     */
    public List<Ack> of(String component) {
        return acks.stream().filter(e -> e.component().equals(component)).map(Entry::ack).collect(Collectors.toList());
    }

    /**
     * @param component a component
     * @return its final (non-202) acks in order
     */
    public List<Ack> finals(String component) {
        return of(component).stream().filter(a -> a.code() != 202).collect(Collectors.toList());
    }

    /** @return the read-only reports */
    public List<Map<String, ?>> readOnly() {
        return readOnly;
    }
}
