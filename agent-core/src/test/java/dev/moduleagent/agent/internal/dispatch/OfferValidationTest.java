package dev.moduleagent.agent.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.testing.Await;
import dev.moduleagent.agent.internal.testing.MemoryLedger;
import dev.moduleagent.agent.internal.testing.RecordingAcks;
import dev.moduleagent.agent.internal.testing.RecordingListener;
import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import dev.moduleagent.api.Validation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A newer desired section is validated when it arrives, before it may supersede the work in flight. */
class OfferValidationTest {

    private final MemoryLedger ledger = new MemoryLedger();
    private final RecordingAcks acks = new RecordingAcks().recordingInto(ledger);
    private final RecordingListener listener = new RecordingListener();
    private final DispatchExecutors executors = DispatchExecutors.create(Duration.ofMillis(300));
    private final TwinDispatcher dispatcher = new TwinDispatcher(ledger, acks, listener, executors);
    private final CountDownLatch installStarted = new CountDownLatch(1);
    private final CountDownLatch finishInstall = new CountDownLatch(1);

    @AfterEach
    void stop() {
        finishInstall.countDown();
        dispatcher.close();
        executors.shutdown(Duration.ofSeconds(5));
    }

    /** Installs version 1 until the test lets it finish. */
    private final ScriptedHandler firmware = installer(context -> assertTrue(finishInstall.await(30, TimeUnit.SECONDS)));

    /** Installs any version, version 1 the way given; refuses a version that is not "x.y.z". */
    private ScriptedHandler installer(FirstInstall first) {
        return new ScriptedHandler((section, context) -> {
            if (section.version() == 1) {
                installStarted.countDown();
                first.run(context);
            }
            return Outcome.done("installed " + section.properties().get("version"));
        }, OfferValidationTest::semantic, Duration.ofMinutes(1));
    }

    /** How version 1 is installed. */
    @FunctionalInterface
    private interface FirstInstall {
        void run(ApplyContext context) throws Exception;
    }

    @Test
    void invalidNewerSectionIsRefusedAt400WhileTheValidInstallInFlightGoesOnAndIsAcknowledged() throws Exception {
        dispatcher.addHandler(info(), firmware);
        dispatcher.reconcile(1, Map.of("firmware", Map.of("version", "2.0.0")));
        assertTrue(installStarted.await(10, TimeUnit.SECONDS));

        dispatcher.reconcile(2, Map.of("firmware", Map.of("version", "banana")));

        Await.until("newer section refused", () -> acks.finals("firmware").size() == 1);
        assertEquals(new Ack(400, 2, "version 'banana' is not x.y.z"), acks.finals("firmware").get(0));
        finishInstall.countDown();
        Await.until("install acknowledged, refusal answered again", () -> acks.finals("firmware").size() == 3);
        assertEquals(List.of(new Ack(400, 2, "version 'banana' is not x.y.z"), new Ack(200, 1, "installed 2.0.0"),
                new Ack(400, 2, "version 'banana' is not x.y.z")), acks.finals("firmware"),
                "the install in flight is acknowledged, then the refusal again, so the twin ends with the answer to"
                        + " the newest desired version");
        assertEquals(List.of(false), firmware.supersededAtEnd, "the valid install was not told to stop");
        assertEquals(List.of(1L), versionsApplied(), "the refused section never reached apply");
        assertEquals(new AppliedRecord(2, ledger.applied("firmware").orElseThrow().hash(), 400),
                ledger.applied("firmware").orElseThrow());
    }

    @Test
    void validNewerSectionStillSupersedesTheWorkInFlight() throws Exception {
        ScriptedHandler stoppable = installer(context -> Await.until("superseded seen", context::isSuperseded));
        dispatcher.addHandler(info(), stoppable);
        dispatcher.reconcile(1, Map.of("firmware", Map.of("version", "2.0.0")));
        assertTrue(installStarted.await(10, TimeUnit.SECONDS));

        dispatcher.reconcile(2, Map.of("firmware", Map.of("version", "3.0.0")));

        Await.until("newer applied", () -> !acks.finals("firmware").isEmpty());
        assertEquals(List.of(new Ack(200, 2, "installed 3.0.0")), acks.finals("firmware"));
        assertTrue(stoppable.supersededAtEnd.get(0));
    }

    @Test
    void aValidSectionAfterARefusedOneReplacesTheRefusalAndSupersedes() throws Exception {
        dispatcher.addHandler(info(), firmware);
        dispatcher.reconcile(1, Map.of("firmware", Map.of("version", "2.0.0")));
        assertTrue(installStarted.await(10, TimeUnit.SECONDS));
        dispatcher.reconcile(2, Map.of("firmware", Map.of("version", "banana")));
        Await.until("refused", () -> acks.finals("firmware").size() == 1);

        dispatcher.reconcile(3, Map.of("firmware", Map.of("version", "2.0.0")));
        finishInstall.countDown();

        Await.until("install acknowledged", () -> acks.finals("firmware").size() == 2);
        Await.until("lane idle", () -> listener.lines().contains("state firmware idle"));
        assertEquals(new Ack(200, 1, "installed 2.0.0"), acks.finals("firmware").get(1));
        assertEquals(2, acks.finals("firmware").size(), "the refusal of version 2 is not answered again: "
                + acks.finals("firmware"));
        assertFalse(firmware.supersededAtEnd.get(0), "version 3 asks for what is being installed");
    }

    private List<Long> versionsApplied() {
        return firmware.applied.stream().map(DesiredSection::version).collect(Collectors.toList());
    }

    private static Validation semantic(DesiredSection section) {
        Object version = section.properties().get("version");
        return version instanceof String text && text.matches("\\d+\\.\\d+\\.\\d+") ? Validation.accept()
                : Validation.reject("version '" + version + "' is not x.y.z");
    }

    private static HandlerInfo info() {
        return new HandlerInfo("firmware", "test.firmware", "1.0.0", 1, 0);
    }
}
