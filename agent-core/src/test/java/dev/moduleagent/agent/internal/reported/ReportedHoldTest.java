package dev.moduleagent.agent.internal.reported;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.twin.Json;
import dev.moduleagent.twin.TwinLimits;
import dev.moduleagent.agent.internal.store.StateStore;
import dev.moduleagent.agent.internal.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newest patch stays open while a desired change is handled, at most for the maximum hold. */
class ReportedHoldTest {

    @TempDir
    Path dataDir;
    private StateStore store;

    @BeforeEach
    void open() throws Exception {
        store = StateStore.open(dataDir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theNewestPatchWaitsUntilTheLastHoldIsReleasedAndTheSenderIsWoken() {
        ReportedAggregator aggregator = new ReportedAggregator(store, TwinLimits.MAX_PATCH_BYTES, Duration.ofMinutes(1));
        AtomicInteger wakes = new AtomicInteger();
        aggregator.onNewWork(wakes::incrementAndGet);
        aggregator.hold();
        aggregator.hold();
        aggregator.reportAgent(Map.of("lastDesiredReceived", 3));
        assertTrue(aggregator.nextPatch().isEmpty(), "held");
        aggregator.release();
        aggregator.report("firmware", Map.of("installed", "1.1"));
        assertTrue(aggregator.nextPatch().isEmpty(), "still held by the second");
        int before = wakes.get();

        aggregator.release();

        assertEquals(before + 1, wakes.get(), "the sender is woken");
        Map<String, Object> patch = Json.readObject(aggregator.nextPatch().orElseThrow().json());
        assertEquals(Map.of("__t", "c", "lastDesiredReceived", 3L), patch.get("agent"));
        assertEquals(Map.of("__t", "c", "installed", "1.1"), patch.get("firmware"));
        assertEquals(1, aggregator.pendingPatches());
    }

    @Test
    void aHoldNeverKeepsThePatchBackLongerThanItsMaximum() {
        ReportedAggregator aggregator = new ReportedAggregator(store, TwinLimits.MAX_PATCH_BYTES, Duration.ofSeconds(2));
        aggregator.hold();
        aggregator.reportAgent(Map.of("lastDesiredReceived", 3));
        assertTrue(aggregator.nextPatch().isEmpty(), "held at first");

        Await.until("the maximum hold is over", () -> aggregator.nextPatch().isPresent());
        assertEquals(Duration.ZERO, aggregator.holdLeft());
    }

    @Test
    void olderSealedPatchesLeaveDuringAHold() {
        ReportedAggregator aggregator = new ReportedAggregator(store, TwinLimits.MAX_PATCH_BYTES, Duration.ofMinutes(1));
        aggregator.report("os", Map.of("uptime", 5));
        OutboxEntry sealed = aggregator.nextPatch().orElseThrow();
        aggregator.hold();
        aggregator.report("os", Map.of("uptime", 6));

        assertEquals(sealed.sequence(), aggregator.nextPatch().orElseThrow().sequence());
        aggregator.confirmed(sealed.sequence());
        assertTrue(aggregator.nextPatch().isEmpty(), "the newest one is held");
    }

    @Test
    void endingTheHoldsAtStopLetsTheNewestPatchLeaveAtOnce() {
        ReportedAggregator aggregator = new ReportedAggregator(store, TwinLimits.MAX_PATCH_BYTES, Duration.ofMinutes(1));
        AtomicInteger wakes = new AtomicInteger();
        aggregator.onNewWork(wakes::incrementAndGet);
        aggregator.hold();
        aggregator.reportAgent(Map.of("connection", "DISCONNECTED"));
        int before = wakes.get();

        aggregator.endHolds();

        assertEquals(before + 1, wakes.get());
        assertTrue(aggregator.nextPatch().isPresent());
        aggregator.release();
        assertEquals(Duration.ZERO, aggregator.holdLeft(), "a late release is harmless");
    }
}
