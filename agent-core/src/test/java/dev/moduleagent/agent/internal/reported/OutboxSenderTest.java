package dev.moduleagent.agent.internal.reported;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.dispatch.Ack;
import dev.moduleagent.agent.internal.retry.Backoff;
import dev.moduleagent.agent.internal.store.StateStore;
import dev.moduleagent.agent.internal.testing.Await;
import dev.moduleagent.twin.Json;
import dev.moduleagent.twin.MergePatch;
import dev.moduleagent.twin.TwinLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxSenderTest {

    @TempDir
    Path dataDir;
    private StateStore store;
    private ReportedAggregator aggregator;
    private final FakeLink link = new FakeLink();
    private Thread thread;
    private OutboxSender sender;

    @BeforeEach
    void start() throws Exception {
        store = StateStore.open(dataDir);
        aggregator = new ReportedAggregator(store, TwinLimits.MAX_PATCH_BYTES);
        sender = new OutboxSender(aggregator, link, new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)));
        aggregator.onNewWork(sender::wake);
        thread = new Thread(sender, "test-sender");
        thread.start();
    }

    @AfterEach
    void stop() throws Exception {
        thread.interrupt();
        thread.join(5000);
        store.close();
    }

    @Test
    void holdsReportsWhileOfflineAndSendsThemInOrderOnceConnected() {
        aggregator.report("os", Map.of("step", 1));
        aggregator.nextPatch();
        aggregator.report("os", Map.of("step", 2));
        assertTrue(link.sent.isEmpty());

        link.connected = true;
        sender.connectionUp();

        Await.until("both sent", () -> link.sent.size() == 2);
        assertEquals(1L, ((Map<?, ?>) link.sent.get(0).get("os")).get("step"));
        assertEquals(2L, ((Map<?, ?>) link.sent.get(1).get("os")).get("step"));
        Await.until("outbox empty", () -> aggregator.pendingPatches() == 0);
    }

    @Test
    void retriesAPatchTheHubDidNotConfirm() {
        link.connected = true;
        link.failures.set(2);
        aggregator.report("os", Map.of("step", 1));

        Await.until("sent after retries", () -> link.sent.size() == 1);
        assertEquals(3, link.attempts.get());
        Await.until("outbox empty", () -> aggregator.pendingPatches() == 0);
    }

    @Test
    void dropsAPatchTheHubRefusesForGoodAndGoesOn() {
        link.connected = true;
        link.refuseNext = true;
        aggregator.report("os", Map.of("step", 1));
        Await.until("refused one dropped", () -> aggregator.pendingPatches() == 0);

        aggregator.report("os", Map.of("step", 2));
        Await.until("next sent", () -> link.sent.size() == 1);
        assertEquals(2L, ((Map<?, ?>) link.sent.get(0).get("os")).get("step"));
    }

    @Test
    void aPatchRefusedAsTooLargeIsSplitAndOnlyTheInformationalPartThatStillDoesNotFitIsDropped() {
        aggregator.report("os", Map.of("inventory", "x".repeat(3000), "hostname", "gw-7"));
        aggregator.acknowledge("os", Map.of("tz", "UTC"), new Ack(200, 4, "applied"));
        aggregator.report("os", Map.of("uptime", 12));
        link.tooLarge = patch -> Json.write(patch).contains("xxx");
        link.connected = true;
        sender.connectionUp();

        Await.until("outbox empty", () -> aggregator.pendingPatches() == 0);
        Map<String, Object> twin = new LinkedHashMap<>();
        link.sent.forEach(patch -> MergePatch.compose(twin, patch));
        Map<?, ?> os = (Map<?, ?>) twin.get("os");
        assertEquals(Map.of("value", "UTC", "ac", 200L, "av", 4L, "ad", "applied"), os.get("tz"));
        assertEquals("gw-7", os.get("hostname"));
        assertEquals(12L, os.get("uptime"));
        assertFalse(os.containsKey("inventory"));
    }

    @Test
    void anAckRefusedAsTooLargeIsKeptAndSentOnceThereIsRoom() {
        aggregator.acknowledge("os", Map.of("tz", "UTC"), new Ack(200, 4, "applied"));
        link.refusalsLeft.set(3);
        link.tooLarge = patch -> link.refusalsLeft.getAndDecrement() > 0;
        link.connected = true;
        sender.connectionUp();

        Await.until("ack sent", () -> link.sent.size() == 1);
        assertEquals(4, link.attempts.get());
        assertEquals(Map.of("__t", "c", "tz", Map.of("value", "UTC", "ac", 200L, "av", 4L, "ad", "applied")),
                link.sent.get(0).get("os"));
        Await.until("outbox empty", () -> aggregator.pendingPatches() == 0);
    }

    /** A hub link whose availability and failures the test sets. */
    private static final class FakeLink implements ReportedLink {
        final List<Map<String, Object>> sent = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        volatile boolean connected;
        volatile boolean refuseNext;
        final AtomicInteger refusalsLeft = new AtomicInteger();
        volatile Predicate<Map<String, Object>> tooLarge = patch -> false;

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public void sendReported(Map<String, Object> patch) throws ReportFailure {
            attempts.incrementAndGet();
            if (refuseNext) {
                refuseNext = false;
                throw new ReportFailure("BAD_FORMAT", true);
            }
            if (tooLarge.test(patch)) {
                throw new ReportFailure("the hub answered 413 (REQUEST_ENTITY_TOO_LARGE)", true, true);
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new ReportFailure("SERVER_BUSY", false);
            }
            sent.add(patch);
        }
    }
}
