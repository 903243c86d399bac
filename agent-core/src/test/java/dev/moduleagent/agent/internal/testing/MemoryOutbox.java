package dev.moduleagent.agent.internal.testing;

import dev.moduleagent.agent.internal.reported.OutboxEntry;
import dev.moduleagent.agent.internal.reported.OutboxStore;
import dev.moduleagent.agent.internal.reported.OutboxWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link OutboxStore} in memory that counts its writes. */
public final class MemoryOutbox implements OutboxStore {

    private final ConcurrentSkipListMap<Long, String> entries = new ConcurrentSkipListMap<>();
    private final Map<String, String> sections = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();

    @Override
    public Optional<OutboxEntry> firstOutboxEntry() {
        Map.Entry<Long, String> first = entries.firstEntry();
        return first == null ? Optional.empty() : Optional.of(new OutboxEntry(first.getKey(), first.getValue()));
    }

    @Override
    public List<OutboxEntry> outboxEntries() {
        List<OutboxEntry> all = new ArrayList<>();
        entries.forEach((sequence, json) -> all.add(new OutboxEntry(sequence, json)));
        return all;
    }

    @Override
    public Map<String, String> reportedSections() {
        return new TreeMap<>(sections);
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
    public void saveOutbox(OutboxWrite write) {
        writes.incrementAndGet();
        entries.putAll(write.patches());
        sections.putAll(write.sections());
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
