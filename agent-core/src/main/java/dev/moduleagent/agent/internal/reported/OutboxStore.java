package dev.moduleagent.agent.internal.reported;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable, ordered queue of reported patches (JSON text) waiting for the hub's confirmation, and the agent's own view
 * of every section it reported (what the hub's reported properties should hold).
 */
public interface OutboxStore {

    /** @return the oldest entry, if any */
    Optional<OutboxEntry> firstOutboxEntry();

    /** @return every entry, oldest first */
    List<OutboxEntry> outboxEntries();

    /** @return the highest sequence number in use, or 0 when the outbox is empty */
    long lastOutboxSequence();

    /** @return the number of entries */
    int outboxSize();

    /** @return component → JSON text of the section as the agent last reported it */
    Map<String, String> reportedSections();

    /**
     * Applies one step (patches, sections, applied record) atomically and durably.
     *
     * @param write the step
     */
    void saveOutbox(OutboxWrite write);

    /**
     * Removes an entry durably.
     *
     * @param sequence its sequence number
     */
    void removeOutbox(long sequence);
}
