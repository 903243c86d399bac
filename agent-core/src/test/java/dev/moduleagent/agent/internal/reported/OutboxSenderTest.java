package dev.moduleagent.agent.internal.reported;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.retry.Backoff;
import dev.moduleagent.agent.internal.store.StateStore;
import dev.moduleagent.agent.internal.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
        aggregator = new ReportedAggregator(store, TwinRules.MAX_PATCH_BYTES);
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

    /** A hub link whose availability and failures the test sets. */
    private static final class FakeLink implements ReportedLink {
        final List<Map<String, Object>> sent = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        volatile boolean connected;
        volatile boolean refuseNext;

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
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new ReportFailure("SERVER_BUSY", false);
            }
            sent.add(patch);
        }
    }
}
