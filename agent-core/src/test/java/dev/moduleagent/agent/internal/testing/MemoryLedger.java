package dev.moduleagent.agent.internal.testing;

import dev.moduleagent.agent.internal.dispatch.AppliedLedger;
import dev.moduleagent.agent.internal.dispatch.AppliedRecord;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link AppliedLedger} in memory. */
public final class MemoryLedger implements AppliedLedger {

    private final Map<String, AppliedRecord> records = new ConcurrentHashMap<>();

    @Override
    public Optional<AppliedRecord> applied(String component) {
        return Optional.ofNullable(records.get(component));
    }

    @Override
    public Set<String> appliedComponents() {
        return new TreeSet<>(records.keySet());
    }

    @Override
    public void recordApplied(String component, AppliedRecord record) {
        records.put(component, record);
    }

    @Override
    public void forgetApplied(String component) {
        records.remove(component);
    }
}
