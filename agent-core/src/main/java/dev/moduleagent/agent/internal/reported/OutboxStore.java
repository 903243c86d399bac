package dev.moduleagent.agent.internal.reported;

import java.util.Map;
import java.util.Optional;

/** Durable, ordered queue of reported patches (JSON text) waiting for the hub's confirmation. */
public interface OutboxStore {

    /** @return the oldest entry, if any */
    Optional<OutboxEntry> firstOutboxEntry();

    /** @return the highest sequence number in use, or 0 when the outbox is empty */
    long lastOutboxSequence();

    /** @return the number of entries */
    int outboxSize();

    /**
     * Inserts or replaces entries in one atomic, durable step.
     *
     * @param entries sequence number → patch JSON
     */
    void saveOutbox(Map<Long, String> entries);

    /**
     * Removes an entry durably.
     *
     * @param sequence its sequence number
     */
    void removeOutbox(long sequence);
}
