package dev.moduleagent.agent.internal.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.reported.ReportFailure;
import dev.moduleagent.agent.internal.retry.Backoff;
import dev.moduleagent.agent.internal.testing.Await;
import dev.moduleagent.agent.internal.testing.FakeHub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HubSessionTest {

    private final FakeHub hub = new FakeHub();
    private final Recorder recorder = new Recorder();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final HubSession session = new HubSession(hub, recorder, executor,
            new Backoff(Duration.ofMillis(10), Duration.ofMillis(40)));

    @AfterEach
    void stop() throws Exception {
        session.stop(java.time.Duration.ofSeconds(1));
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void subscribesThenReadsTheFullTwinOnConnect() {
        hub.setDesired(Map.of("firmware", Map.of("version", "1.0")), 4);
        AtomicInteger connectedCalls = new AtomicInteger();
        session.onConnected(connectedCalls::incrementAndGet);
        session.start();

        Await.until("twin read", () -> recorder.twins.size() == 1);
        assertEquals(4, recorder.twins.get(0).desiredVersion());
        assertEquals(1, hub.subscribes());
        assertTrue(recorder.firsts.get(0));
        assertEquals(ConnectionState.CONNECTED, session.state());
        Await.until("connected hook", () -> connectedCalls.get() == 1);
    }

    @Test
    void readsTheTwinAgainAfterTheSdkReconnectedByItself() {
        session.start();
        Await.until("connected", session::isConnected);
        hub.setDesired(Map.of("os", Map.of("tz", "UTC")), 9);

        hub.current().status(ChannelStatus.DISCONNECTED_RETRYING, "NO_NETWORK: Mqtt connection lost");
        Await.until("retrying", () -> session.state() == ConnectionState.RETRYING);
        hub.current().status(ChannelStatus.CONNECTED, "CONNECTION_OK");

        Await.until("twin read again", () -> recorder.twins.size() == 2);
        assertEquals(9, recorder.twins.get(1).desiredVersion());
        assertFalse(recorder.firsts.get(1));
        assertEquals(2, hub.subscribes(), "desired subscription renewed after reconnect");
        assertEquals(1, hub.channelCount(), "the SDK client is kept when it reconnected by itself");
        assertTrue(recorder.states.contains(ConnectionState.RETRYING + " NO_NETWORK: Mqtt connection lost"));
    }

    @Test
    void replacesTheClientAfterATerminalDisconnectAndReadsTheTwinAgain() {
        session.start();
        Await.until("connected", session::isConnected);
        var first = hub.current();

        first.status(ChannelStatus.DISCONNECTED, "COMMUNICATION_ERROR: protocol error");

        Await.until("second channel connected and twin read", () -> hub.channelCount() == 2 && recorder.twins.size() == 2);
        assertTrue(first.closed());
        Await.until("connected again", session::isConnected);
    }

    @Test
    void retriesAFailedOpenWithBackoffUntilItSucceeds() {
        hub.failNextOpens(3);
        session.start();

        Await.until("connected", session::isConnected);
        assertEquals(4, hub.openAttempts());
        assertTrue(recorder.states.stream().anyMatch(s -> s.startsWith("DISCONNECTED open failed: IO_ERROR")),
                recorder.states.toString());
    }

    @Test
    void readsTheFullTwinWhenAPatchCannotBePlaced() {
        recorder.acceptPatches = false;
        session.start();
        Await.until("connected", session::isConnected);

        hub.patchDesired("firmware", Map.of("version", "2.0"));

        Await.until("twin read after the patch", () -> recorder.twins.size() == 2);
        assertEquals(1, recorder.patches.size());
    }

    @Test
    void stopsWithoutRetryingWhenNoClientCanBeMadeFromTheConfiguration() throws Exception {
        AtomicInteger creations = new AtomicInteger();
        HubSession broken = new HubSession(listener -> {
            creations.incrementAndGet();
            throw new ChannelException("HostName 'localhost' has no dot", true);
        }, recorder, executor, new Backoff(Duration.ofMillis(10), Duration.ofMillis(40)));
        broken.start();

        Await.until("stopped", () -> broken.state() == ConnectionState.STOPPED);
        executor.schedule(() -> { }, 200, TimeUnit.MILLISECONDS).get();
        assertEquals(1, creations.get());
    }

    @Test
    void refusesToSendReportedPropertiesWhileDisconnected() {
        hub.reachable(false);
        session.start();
        Await.until("an attempt failed", () -> hub.openAttempts() >= 1);

        ReportFailure failure = assertThrows(ReportFailure.class, () -> session.sendReported(Map.of("a", Map.of())));
        assertFalse(failure.permanent());
    }

    /** Records what the session tells the agent. */
    private static final class Recorder implements SessionListener {
        final List<TwinSnapshot> twins = new CopyOnWriteArrayList<>();
        final List<Boolean> firsts = new CopyOnWriteArrayList<>();
        final List<DesiredPatch> patches = new CopyOnWriteArrayList<>();
        final List<String> states = new CopyOnWriteArrayList<>();
        volatile boolean acceptPatches = true;

        @Override
        public void connectionChanged(ConnectionState state, String reason) {
            states.add(state + " " + reason);
        }

        @Override
        public void twinRead(TwinSnapshot twin, boolean first) {
            twins.add(twin);
            firsts.add(first);
        }

        @Override
        public boolean desiredChanged(DesiredPatch patch) {
            patches.add(patch);
            return acceptPatches;
        }
    }
}
