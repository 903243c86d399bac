package dev.moduleagent.agent.internal.reported;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.testing.Await;
import dev.moduleagent.agent.internal.testing.MemoryOutbox;
import dev.moduleagent.twin.Json;
import dev.moduleagent.twin.MergePatch;
import dev.moduleagent.twin.TwinLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReportThrottleTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final ReportedAggregator aggregator = new ReportedAggregator(outbox, TwinLimits.MAX_PATCH_BYTES);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ReportThrottle throttle = new ReportThrottle(aggregator, timer, INTERVAL);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void twentyThousandReportsOfOnePlugInCostABoundedNumberOfOutboxWritesAndTheLastValueWins() {
        long start = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            throttle.report("os", Map.of("counter", i, "status", "step " + i));
        }
        long intervals = Duration.ofNanos(System.nanoTime() - start).dividedBy(INTERVAL) + 1;
        Await.until("the merged report written", () -> Long.valueOf(19_999).equals(counter()));

        assertTrue(outbox.writes() <= intervals + 1, outbox.writes() + " writes in " + intervals + " intervals");
        assertEquals(Map.of("__t", "c", "counter", 19_999L, "status", "step 19999"), merged().get("os"));
    }

    @Test
    void aReportThatBreaksTheTwinRulesIsRefusedAtTheCallEvenWhileReportsAreHeld() {
        throttle.report("os", Map.of("counter", 1));
        assertThrows(IllegalArgumentException.class, () -> throttle.report("os", Map.of("bad.key", 1)));
        assertThrows(IllegalArgumentException.class, () -> throttle.report("agent", Map.of("x", 1)));
        assertThrows(IllegalArgumentException.class, () -> throttle.report("os", Map.of("__t", "c")));
    }

    @Test
    void heldReportsAreWrittenByFlush() {
        throttle.report("os", Map.of("counter", 1));
        throttle.report("os", Map.of("counter", 2));
        throttle.flush();
        assertEquals(2L, counter());
    }

    private Object counter() {
        return merged().get("os") instanceof Map<?, ?> os ? os.get("counter") : null;
    }

    private Map<String, Object> merged() {
        Map<String, Object> doc = new LinkedHashMap<>();
        outbox.entries().values().forEach(json -> MergePatch.compose(doc, Json.readObject(json)));
        return doc;
    }
}
