package dev.moduleagent.agent.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.reported.OutboxEntry;
import dev.moduleagent.agent.internal.reported.OutboxStore;
import dev.moduleagent.agent.internal.reported.OutboxWrite;
import dev.moduleagent.agent.internal.reported.ReportedAggregator;
import dev.moduleagent.agent.internal.store.StateStore;
import dev.moduleagent.agent.internal.testing.Await;
import dev.moduleagent.agent.internal.testing.RecordingListener;
import dev.moduleagent.twin.TwinLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the agent (its store stops taking writes, as after kill -9) at each write of one apply and restarts it on what
 * is on disk: a section acknowledged before the kill is never applied again, and one not acknowledged is applied
 * and acknowledged after the restart.
 */
class ExactlyOnceAcrossKillsTest {

    private static final Map<String, Object> SECTION = Map.of("tz", "UTC");

    @TempDir
    Path dir;

    @Test
    void aSectionIsAppliedAgainAfterAKillOnlyWhenItsAcknowledgementWasNotWritten() throws Exception {
        for (int killAt = 1; killAt <= 3; killAt++) {
            Path data = dir.resolve("kill-at-" + killAt);
            boolean ackedBeforeKill = runUntilKilled(data, killAt);
            try (StateStore store = StateStore.open(data)) {
                ScriptedHandler after = ScriptedHandler.done();
                List<Integer> acks = restart(store, after);
                if (ackedBeforeKill) {
                    assertTrue(after.applied.isEmpty(), "kill at write " + killAt
                            + ": the acknowledged section was applied again after the restart");
                } else {
                    assertEquals(1, after.applied.size(), "kill at write " + killAt + ": not applied after restart");
                }
                assertEquals(List.of(200), acks, "kill at write " + killAt + ": acknowledgements on disk");
                assertEquals(5, store.applied("os").orElseThrow().version(), "kill at write " + killAt);
            }
        }
    }

    /** @return whether the acknowledgement reached the disk before the kill */
    private boolean runUntilKilled(Path data, int killAt) throws Exception {
        try (StateStore store = StateStore.open(data)) {
            DyingStore dying = new DyingStore(store, killAt);
            ReportedAggregator reported = new ReportedAggregator(dying, TwinLimits.MAX_PATCH_BYTES);
            DispatchExecutors executors = DispatchExecutors.create(Duration.ofMillis(100));
            RecordingListener listener = new RecordingListener();
            TwinDispatcher dispatcher = new TwinDispatcher(dying, reported, listener, executors);
            try {
                dispatcher.addHandler(new HandlerInfo("os", "os", "1", 1, 0), ScriptedHandler.done());
                dispatcher.reconcile(5, Map.of("os", SECTION));
                Await.until("the lane ended or the agent died", () -> dying.dead()
                        || listener.lines().contains("state os idle"));
            } finally {
                dispatcher.close();
                executors.shutdown(Duration.ofSeconds(5));
            }
            return !acksOnDisk(store).isEmpty();
        }
    }

    private static List<Integer> restart(StateStore store, ScriptedHandler handler) {
        ReportedAggregator reported = new ReportedAggregator(store, TwinLimits.MAX_PATCH_BYTES);
        DispatchExecutors executors = DispatchExecutors.create(Duration.ofMillis(100));
        RecordingListener listener = new RecordingListener();
        TwinDispatcher dispatcher = new TwinDispatcher(store, reported, listener, executors);
        try {
            dispatcher.addHandler(new HandlerInfo("os", "os", "1", 1, 0), handler);
            dispatcher.reconcile(5, Map.of("os", SECTION));
            Await.until("the section recorded", () -> store.applied("os").isPresent()
                    && (handler.applied.isEmpty() || listener.lines().contains("state os idle")));
        } finally {
            dispatcher.close();
            executors.shutdown(Duration.ofSeconds(5));
        }
        return acksOnDisk(store);
    }

    private static List<Integer> acksOnDisk(StateStore store) {
        return store.outboxEntries().stream().map(OutboxEntry::json)
                .filter(json -> json.contains("\"av\":5")).map(json -> 200).toList();
    }

    /** The store as a process that is killed at its n-th write: that write and all later ones never happen. */
    private static final class DyingStore implements AppliedLedger, OutboxStore {
        private final StateStore store;
        private final int killAt;
        private final AtomicInteger writes = new AtomicInteger();

        DyingStore(StateStore store, int killAt) {
            this.store = store;
            this.killAt = killAt;
        }

        boolean dead() {
            return writes.get() >= killAt;
        }

        private void write() {
            if (writes.incrementAndGet() >= killAt) {
                throw new IllegalStateException("killed");
            }
        }

        @Override
        public Optional<AppliedRecord> applied(String component) {
            return store.applied(component);
        }

        @Override
        public Set<String> appliedComponents() {
            return store.appliedComponents();
        }

        @Override
        public void recordApplied(String component, AppliedRecord record) {
            write();
            store.recordApplied(component, record);
        }

        @Override
        public void forgetApplied(String component) {
            write();
            store.forgetApplied(component);
        }

        @Override
        public Optional<OutboxEntry> firstOutboxEntry() {
            return store.firstOutboxEntry();
        }

        @Override
        public List<OutboxEntry> outboxEntries() {
            return store.outboxEntries();
        }

        @Override
        public long lastOutboxSequence() {
            return store.lastOutboxSequence();
        }

        @Override
        public int outboxSize() {
            return store.outboxSize();
        }

        @Override
        public Map<String, String> reportedSections() {
            return store.reportedSections();
        }

        @Override
        public void saveOutbox(OutboxWrite write) {
            write();
            store.saveOutbox(write);
        }

        @Override
        public void removeOutbox(long sequence) {
            write();
            store.removeOutbox(sequence);
        }
    }
}
