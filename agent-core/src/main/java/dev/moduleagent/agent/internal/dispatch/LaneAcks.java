package dev.moduleagent.agent.internal.dispatch;

import dev.moduleagent.api.DesiredSection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one component's acknowledgements; an acknowledgement that cannot be written is logged, and a final one still
 * leaves its record in the ledger, so that nothing is applied twice.
 */
final class LaneAcks {

    private static final Logger LOG = LoggerFactory.getLogger(LaneAcks.class);

    private final String component;
    private final AppliedLedger ledger;
    private final AckSink acks;

    LaneAcks(String component, AppliedLedger ledger, AckSink acks) {
        this.component = component;
        this.ledger = ledger;
        this.acks = acks;
    }

    /** An acknowledgement that records nothing (progress, or a refusal while older work goes on). */
    void progress(DesiredSection section, Ack ack) {
        try {
            acks.acknowledge(component, section.properties(), ack);
        } catch (RuntimeException e) {
            LOG.error("acknowledge failed component={} version={} code={} reason=\"{}\"", component, section.version(),
                    ack.code(), e.getMessage());
        }
    }

    /** Record and ack in one step; an ack that cannot be written still leaves the record. */
    void applied(Work work, Ack ack) {
        DesiredSection section = work.section();
        AppliedRecord record = new AppliedRecord(section.version(), work.hash(), ack.code());
        try {
            acks.acknowledgeApplied(component, section.properties(), ack, record);
        } catch (RuntimeException e) {
            LOG.error("acknowledge failed component={} version={} code={} reason=\"{}\"", component, section.version(),
                    ack.code(), e.getMessage());
            ledger.recordApplied(component, record);
        }
    }
}
