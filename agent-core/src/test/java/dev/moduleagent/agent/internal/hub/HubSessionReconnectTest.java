package dev.moduleagent.agent.internal.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.retry.Backoff;
import dev.moduleagent.agent.internal.testing.Await;
import dev.moduleagent.agent.internal.testing.FakeHub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** "Reconnect with this identity" (certificate renewal): the session thread closes and reopens, the twin is reread. */
class HubSessionReconnectTest {

    private final FakeHub hub = new FakeHub();
    private final List<Boolean> twinReads = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final HubSession session = new HubSession(hub, new SessionListener() {
        @Override
        public void connectionChanged(ConnectionState state, String reason) {
        }

        @Override
        public void twinRead(TwinSnapshot twin, boolean first) {
            twinReads.add(first);
        }

        @Override
        public boolean desiredChanged(DesiredPatch patch) {
            return true;
        }
    }, executor, new Backoff(Duration.ofMillis(200), Duration.ofMillis(400)));

    @AfterEach
    void stop() throws Exception {
        session.stop(Duration.ofSeconds(1));
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void reconnectClosesTheChannelOpensANewOneAndRereadsTheTwin() throws Exception {
        hub.setDesired(Map.of("firmware", Map.of("version", "1.0")), 3);
        session.start();
        Await.until("connected", session::isConnected);

        session.reconnect().get(5, TimeUnit.SECONDS);

        assertEquals(2, hub.channelCount());
        assertTrue(session.isConnected());
        assertEquals(List.of(true, false), twinReads, "a resync, not a first start");
    }

    @Test
    void aRefusedReconnectFailsItsFutureAndTheNextReconnectReplacesThePendingRetry() throws Exception {
        session.start();
        Await.until("connected", session::isConnected);
        hub.failNextOpens(1);

        CompletableFuture<Void> refused = session.reconnect();
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> refused.get(5, TimeUnit.SECONDS));
        assertFalse(session.isConnected());
        assertTrue(failure.getCause() instanceof ChannelException, failure.toString());

        session.reconnect().get(5, TimeUnit.SECONDS);
        assertTrue(session.isConnected());
        int channels = hub.channelCount();
        executor.schedule(() -> { }, 600, TimeUnit.MILLISECONDS).get();
        assertEquals(channels, hub.channelCount(), "the back-off retry of the refused attempt was cancelled");
    }
}
