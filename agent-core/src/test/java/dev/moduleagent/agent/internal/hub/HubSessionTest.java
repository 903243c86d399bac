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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
    void desiredPatchesAreHandledOnTheSessionThreadNotOnTheSdkThreadThatDeliversThem() throws Exception {
        Thread sessionThread = executor.submit(Thread::currentThread).get();
        session.start();
        Await.until("connected", session::isConnected);

        sdkThread(() -> hub.patchDesired("firmware", Map.of("version", "2.0"))).get(5, TimeUnit.SECONDS);

        Await.until("patch handled", () -> recorder.patches.size() == 1);
        assertEquals(List.of(sessionThread), recorder.patchThreads);
    }

    @Test
    void aPatchWhoseCommitIsSlowDoesNotHoldTheSdkThread() throws Exception {
        session.start();
        Await.until("connected", session::isConnected);
        CountDownLatch storeReleased = new CountDownLatch(1);
        recorder.blockPatches = storeReleased;
        try {
            // before the hand-over the SDK's receive thread ran the commit itself and stayed blocked in it
            sdkThread(() -> hub.patchDesired("firmware", Map.of("version", "2.0"))).get(5, TimeUnit.SECONDS);
            sdkThread(() -> hub.patchDesired("firmware", Map.of("version", "2.1"))).get(5, TimeUnit.SECONDS);
            Await.until("first patch in its (blocked) commit", () -> recorder.patches.size() == 1);
        } finally {
            storeReleased.countDown();
        }
        Await.until("both patches handled, in order", () -> recorder.patches.size() == 2);
        assertEquals(List.of(2L, 3L), recorder.patches.stream().map(DesiredPatch::version).toList());
    }

    @Test
    void directMethodCallsAreHandedOverToTheSessionThreadAndTheSdkThreadReturnsAtOnce() throws Exception {
        Thread sessionThread = executor.submit(Thread::currentThread).get();
        CountDownLatch routerReleased = new CountDownLatch(1);
        List<Thread> callThreads = new CopyOnWriteArrayList<>();
        List<String> answers = new CopyOnWriteArrayList<>();
        session.onMethods((name, payload, reply) -> {
            callThreads.add(Thread.currentThread());
            awaitQuietly(routerReleased);
            reply.send(200, "{\"pong\":true}");
        });
        session.start();
        Await.until("connected", session::isConnected);
        try {
            sdkThread(() -> hub.current().invoke("agent*ping", "{}", (status, json) -> answers.add(status + json)))
                    .get(5, TimeUnit.SECONDS);
        } finally {
            routerReleased.countDown();
        }
        Await.until("answered", () -> answers.size() == 1);
        assertEquals(List.of("200{\"pong\":true}"), answers);
        assertEquals(List.of(sessionThread), callThreads);
    }

    @Test
    void aMethodCallWhileTheAgentStopsIsAnswered503AtOnce() {
        session.onMethods((name, payload, reply) -> reply.send(200, "{}"));
        session.start();
        Await.until("connected", session::isConnected);
        var channel = hub.current();
        session.stop(Duration.ofSeconds(1));
        List<Integer> statuses = new CopyOnWriteArrayList<>();

        channel.invoke("agent*ping", "{}", (status, json) -> statuses.add(status));

        assertEquals(List.of(503), statuses);
    }

    @Test
    void aRunOfPatchesThatCannotBePlacedLeadsToOneFullTwinRead() throws Exception {
        session.start();
        Await.until("connected", session::isConnected);
        CountDownLatch released = new CountDownLatch(1);
        recorder.blockPatches = released;
        recorder.acceptPatches = false;
        try {
            for (int i = 0; i < 5; i++) {
                String value = "2." + i;
                sdkThread(() -> hub.patchDesired("firmware", Map.of("version", value))).get(5, TimeUnit.SECONDS);
            }
        } finally {
            released.countDown();
        }
        Await.until("all patches seen", () -> recorder.patches.size() == 5);
        Await.until("the twin read again", () -> recorder.twins.size() == 2);
        executor.submit(() -> { }).get(5, TimeUnit.SECONDS); // whatever the patches queued has run
        assertEquals(2, hub.twinReads(), "one read for the whole run, not one per patch");
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

    @Test
    void staysConnectedWhenTheAgentCannotHandleTheTwinItRead() throws Exception {
        recorder.failTwins = true;
        session.start();

        Await.until("twin handed over", () -> recorder.twins.size() == 1);
        hub.patchDesired("firmware", Map.of("version", "2.0"));
        Await.until("the patch's failure led to one full twin read", () -> recorder.twins.size() == 2);

        assertEquals(ConnectionState.CONNECTED, session.state());
        assertEquals(1, hub.openAttempts(), "no reconnect: " + recorder.states);
        assertEquals(1, hub.channelCount());
    }

    @Test
    void theReconnectBackoffKeepsGrowingWhenEveryConnectFailsLate() {
        HubSession failing = new HubSession(hub, recorder, executor,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)));
        failing.onConnected(() -> {
            throw new IllegalStateException("fails after the twin was read");
        });
        failing.start();

        Await.until("three failed connects", () -> pauses().size() >= 3);
        failing.stop(java.time.Duration.ofSeconds(1));
        List<Long> pauses = pauses();
        assertTrue(pauses.get(1) >= 80 && pauses.get(2) >= 160, "back-off was reset on a failure: " + pauses);
    }

    /** Runs {@code action} on a thread of its own, as the SDK's receive thread delivers callbacks. */
    private static CompletableFuture<Void> sdkThread(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            action.run();
            done.complete(null);
        }, "fake-sdk-receive");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Long> pauses() {
        return recorder.states.stream().filter(s -> s.contains("; next attempt in "))
                .map(s -> Long.parseLong(s.substring(s.lastIndexOf("in ") + 3, s.lastIndexOf(" ms"))))
                .toList();
    }

    /** Records what the session tells the agent. */
    private static final class Recorder implements SessionListener {
        final List<TwinSnapshot> twins = new CopyOnWriteArrayList<>();
        final List<Boolean> firsts = new CopyOnWriteArrayList<>();
        final List<DesiredPatch> patches = new CopyOnWriteArrayList<>();
        final List<Thread> patchThreads = new CopyOnWriteArrayList<>();
        volatile CountDownLatch blockPatches;
        final List<String> states = new CopyOnWriteArrayList<>();
        volatile boolean acceptPatches = true;
        volatile boolean failTwins;

        @Override
        public void connectionChanged(ConnectionState state, String reason) {
            states.add(state + " " + reason);
        }

        @Override
        public void twinRead(TwinSnapshot twin, boolean first) {
            twins.add(twin);
            firsts.add(first);
            if (failTwins) {
                throw new IllegalArgumentException("Infinity is not a valid double value as per JSON specification");
            }
        }

        @Override
        public boolean desiredChanged(DesiredPatch patch) {
            patches.add(patch);
            patchThreads.add(Thread.currentThread());
            CountDownLatch block = blockPatches;
            if (block != null) {
                awaitQuietly(block); // a store commit that takes long
            }
            if (failTwins) {
                throw new IllegalArgumentException("Infinity is not a valid double value as per JSON specification");
            }
            return acceptPatches;
        }
    }
}
