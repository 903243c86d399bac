package dev.moduleagent.agent.internal.testing;

import dev.moduleagent.agent.internal.reported.OutboxEntry;
import dev.moduleagent.agent.internal.reported.OutboxStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link OutboxStore} in memory that counts its writes. */
public final class MemoryOutbox implements OutboxStore {

    private final ConcurrentSkipListMap<Long, String> entries = new ConcurrentSkipListMap<>();
    private final AtomicInteger writes = new AtomicInteger();

    @Override
    public Optional<OutboxEntry> firstOutboxEntry() {
        Map.Entry<Long, String> first = entries.firstEntry();
        return first == null ? Optional.empty() : Optional.of(new OutboxEntry(first.getKey(), first.getValue()));
    }

    @Override
    public long lastOutboxSequence() {
        return entries.isEmpty() ? 0 : entries.lastKey();
    }

    @Override
    public int outboxSize() {
        return entries.size();
    }

    @Override
    public void saveOutbox(Map<Long, String> batch) {
        writes.incrementAndGet();
        entries.putAll(batch);
    }

    @Override
    public void removeOutbox(long sequence) {
        entries.remove(sequence);
    }

    /** @return the number of {@link #saveOutbox} calls */
    public int writes() {
        return writes.get();
    }

    /** @return the entries, by sequence */
    public Map<Long, String> entries() {
        return entries;
    }
}
