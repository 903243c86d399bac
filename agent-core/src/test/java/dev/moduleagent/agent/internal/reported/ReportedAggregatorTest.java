package dev.moduleagent.agent.internal.reported;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.dispatch.Ack;
import dev.moduleagent.agent.internal.store.StateStore;
import dev.moduleagent.twin.Json;
import dev.moduleagent.twin.TwinLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportedAggregatorTest {

    @TempDir
    Path dataDir;
    private StateStore store;
    private ReportedAggregator aggregator;

    @BeforeEach
    void open() throws Exception {
        store = StateStore.open(dataDir);
        aggregator = new ReportedAggregator(store, TwinLimits.MAX_PATCH_BYTES);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void coalescesReportsOfSeveralComponentsIntoOnePatch() {
        aggregator.report("firmware", Map.of("installed", "1.0"));
        aggregator.report("firmware", Map.of("installed", "1.1", "slot", "B"));
        aggregator.report("os", Map.of("uptime", 5));

        assertEquals(1, aggregator.pendingPatches());
        Map<String, Object> patch = Json.readObject(aggregator.nextPatch().orElseThrow().json());
        assertEquals(Map.of("__t", "c", "installed", "1.1", "slot", "B"), patch.get("firmware"));
        assertEquals(Map.of("__t", "c", "uptime", 5L), patch.get("os"));
    }

    @Test
    void acknowledgementHasPlugAndPlayShape() {
        aggregator.acknowledge("firmware", Map.of("version", "2.0"), new Ack(200, 7, "installed"));

        Map<String, Object> patch = Json.readObject(aggregator.nextPatch().orElseThrow().json());
        assertEquals(Map.of("__t", "c", "version", Map.of("value", "2.0", "ac", 200L, "av", 7L, "ad", "installed")),
                patch.get("firmware"));
    }

    @Test
    void patchBeingSentIsSealedSoLaterReportsQueueBehindItInOrder() {
        aggregator.report("os", Map.of("step", 1));
        OutboxEntry first = aggregator.nextPatch().orElseThrow();
        aggregator.report("os", Map.of("step", 2));
        aggregator.report("os", Map.of("step", 3));

        assertEquals(Map.of("__t", "c", "step", 1L), Json.readObject(first.json()).get("os"));
        aggregator.confirmed(first.sequence());
        OutboxEntry second = aggregator.nextPatch().orElseThrow();
        assertTrue(second.sequence() > first.sequence());
        assertEquals(Map.of("__t", "c", "step", 3L), Json.readObject(second.json()).get("os"));
    }

    @Test
    void outboxSurvivesARestart() throws Exception {
        aggregator.report("os", Map.of("step", 1));
        aggregator.nextPatch();
        aggregator.report("os", Map.of("step", 2));
        store.close();

        store = StateStore.open(dataDir);
        ReportedAggregator restarted = new ReportedAggregator(store, TwinLimits.MAX_PATCH_BYTES);
        restarted.report("os", Map.of("step", 3));

        List<Long> steps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            OutboxEntry entry = restarted.nextPatch().orElseThrow();
            steps.add((Long) ((Map<?, ?>) Json.readObject(entry.json()).get("os")).get("step"));
            restarted.confirmed(entry.sequence());
        }
        assertEquals(List.of(1L, 2L, 3L), steps);
        assertTrue(restarted.nextPatch().isEmpty());
    }

    @Test
    void deleteFollowedByObjectIsNotCoalescedBecauseOnePatchCannotSayReplace() {
        Map<String, Object> delete = new HashMap<>();
        delete.put("config", null);
        aggregator.report("os", delete);
        aggregator.report("os", Map.of("config", Map.of("a", 1)));

        assertEquals(2, aggregator.pendingPatches());
    }

    @Test
    void splitsALargeReportIntoPatchesThatEachFitTheLimit() {
        Map<String, Object> big = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            big.put("p" + i, "x".repeat(2000));
        }
        aggregator.report("inventory", big);

        Map<String, Object> seen = new HashMap<>();
        int patches = 0;
        for (var entry = aggregator.nextPatch(); entry.isPresent(); entry = aggregator.nextPatch()) {
            assertTrue(entry.get().json().getBytes(StandardCharsets.UTF_8).length <= TwinLimits.MAX_PATCH_BYTES);
            Map<?, ?> section = (Map<?, ?>) Json.readObject(entry.get().json()).get("inventory");
            assertEquals("c", section.get("__t"));
            section.forEach((k, v) -> seen.put((String) k, v));
            aggregator.confirmed(entry.get().sequence());
            patches++;
        }
        assertTrue(patches >= 3, "80 KB need at least 3 patches, got " + patches);
        seen.remove("__t");
        assertEquals(big, seen);
    }

    @Test
    void refusesASinglePropertyThatCannotFitAndQueuesNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                aggregator.report("inventory", Map.of("blob", List.of("y".repeat(4000), "y".repeat(4000),
                        "y".repeat(4000), "y".repeat(4000), "y".repeat(4000), "y".repeat(4000), "y".repeat(4000),
                        "y".repeat(4000), "y".repeat(4000)))));
        assertTrue(e.getMessage().contains("'blob'") && e.getMessage().contains("32768"), e.getMessage());
        assertEquals(0, aggregator.pendingPatches());
    }

    @Test
    void refusesKeysIotHubForbids() {
        for (String key : List.of("a.b", "$version", "with space", "", "tab\t")) {
            assertThrows(IllegalArgumentException.class, () -> aggregator.report("os", Map.of(key, 1)), key);
        }
        assertThrows(IllegalArgumentException.class, () -> aggregator.report("os", Map.of("__t", "x")));
        assertThrows(IllegalArgumentException.class, () -> aggregator.report("bad.component", Map.of("a", 1)));
        assertThrows(IllegalArgumentException.class, () -> aggregator.report("agent", Map.of("a", 1)));
        assertEquals(0, aggregator.pendingPatches());
    }

    @Test
    void refusesNestingDeeperThanTenLevels() {
        Map<String, Object> tenLevels = Map.of("v", 1);
        for (int i = 0; i < 9; i++) {
            tenLevels = Map.of("n", tenLevels);
        }
        aggregator.report("ok", tenLevels);
        Map<String, Object> elevenLevels = Map.of("n", tenLevels);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> aggregator.report("deep", elevenLevels));
        assertTrue(e.getMessage().contains("10 levels"), e.getMessage());
    }

    @Test
    void acceptsRecordsEnumsAndNumbersAsPlainValues() {
        aggregator.report("os", Map.of("disk", new Disk("/dev/sda", 512), "mode", Thread.State.RUNNABLE, "load", 0.5f));

        Map<?, ?> section = (Map<?, ?>) Json.readObject(aggregator.nextPatch().orElseThrow().json()).get("os");
        assertEquals(Map.of("name", "/dev/sda", "sizeGb", 512L), section.get("disk"));
        assertEquals("RUNNABLE", section.get("mode"));
        assertEquals(0.5, section.get("load"));
    }

    /** A record a plug-in might report. */
    public record Disk(String name, int sizeGb) {
    }
}
