package dev.moduleagent.agent.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.dispatch.AppliedRecord;
import dev.moduleagent.agent.internal.reported.OutboxWrite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    @TempDir
    Path dir;

    @Test
    void keepsAppliedRecordsAndTheOutboxAcrossReopen() throws Exception {
        Path data = dir.resolve("state");
        try (StateStore store = StateStore.open(data)) {
            store.recordApplied("firmware", new AppliedRecord(7, "abc123", 200));
            store.recordApplied("os", new AppliedRecord(3, "def", 400));
            store.forgetApplied("os");
            Map<Long, String> entries = new LinkedHashMap<>();
            entries.put(1L, "{\"a\":1}");
            entries.put(2L, "{\"b\":2}");
            store.saveOutbox(OutboxWrite.patches(entries));
            store.removeOutbox(1L);
        }
        try (StateStore store = StateStore.open(data)) {
            assertEquals(new AppliedRecord(7, "abc123", 200), store.applied("firmware").orElseThrow());
            assertEquals(Set.of("firmware"), store.appliedComponents());
            assertEquals(2L, store.firstOutboxEntry().orElseThrow().sequence());
            assertEquals("{\"b\":2}", store.firstOutboxEntry().orElseThrow().json());
            assertEquals(2L, store.lastOutboxSequence());
            assertEquals(1, store.outboxSize());
        }
    }

    @Test
    void namesTheFolderWhenItCannotBeUsed() throws Exception {
        Path notAFolder = dir.resolve("file");
        Files.writeString(notAFolder, "x");

        StoreException e = assertThrows(StoreException.class, () -> StateStore.open(notAFolder));
        assertTrue(e.getMessage().startsWith("data.dir " + notAFolder + ": cannot open"), e.getMessage());
    }

    @Test
    void refusesASecondAgentOnTheSameFolder() throws Exception {
        try (StateStore first = StateStore.open(dir)) {
            StoreException e = assertThrows(StoreException.class, () -> StateStore.open(dir));
            assertTrue(e.getMessage().contains(StateStore.FILE_NAME), e.getMessage());
        }
    }

    @Test
    void aWriteFromAnInterruptedThreadNeitherFailsNorClosesTheStore() throws Exception {
        Path data = dir.resolve("state");
        try (StateStore store = StateStore.open(data)) {
            Thread.currentThread().interrupt();
            store.recordApplied("firmware", new AppliedRecord(7, "abc", 200));
            store.saveOutbox(OutboxWrite.patches(Map.of(1L, "{\"a\":1}")));
            assertTrue(Thread.interrupted(), "the caller's interrupt flag is kept");
            store.recordApplied("os", new AppliedRecord(8, "def", 200));
        }
        try (StateStore store = StateStore.open(data)) {
            assertEquals(Set.of("firmware", "os"), store.appliedComponents());
            assertEquals(1, store.outboxSize());
        }
    }

    @Test
    void theFileFollowsTheLiveDataThroughThousandsOfReports() throws Exception {
        try (StateStore store = StateStore.open(dir)) {
            String patch = "{\"sysinfo\":{\"__t\":\"c\",\"load\":\"" + "x".repeat(2000) + "\"}}";
            for (long sequence = 1; sequence <= 2000; sequence++) {
                store.saveOutbox(OutboxWrite.patches(Map.of(sequence, patch)));
                store.removeOutbox(sequence);
            }
            long size = store.fileSize();
            assertTrue(size < 1024 * 1024, "4,000 commits of 2 KB patches left a file of " + size + " bytes");
        }
    }
}
