package dev.moduleagent.agent.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.store.StateStore;
import dev.moduleagent.agent.internal.testing.Await;
import dev.moduleagent.agent.internal.testing.MemoryLedger;
import dev.moduleagent.agent.internal.testing.RecordingAcks;
import dev.moduleagent.agent.internal.testing.RecordingListener;
import dev.moduleagent.api.Outcome;
import dev.moduleagent.api.Validation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwinDispatcherTest {

    private final MemoryLedger ledger = new MemoryLedger();
    private final RecordingAcks acks = new RecordingAcks().recordingInto(ledger);
    private final RecordingListener listener = new RecordingListener();
    private final DispatchExecutors executors = DispatchExecutors.create(Duration.ofMillis(300));
    private final CountDownLatch release = new CountDownLatch(1);
    private TwinDispatcher dispatcher = new TwinDispatcher(ledger, acks, listener, executors);

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() {
        release.countDown();
        dispatcher.close();
        executors.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void givesEachComponentOnlyItsOwnSectionWithoutMarker() {
        ScriptedHandler firmware = ScriptedHandler.done();
        ScriptedHandler os = ScriptedHandler.done();
        dispatcher.addHandler(info("firmware", 1), firmware);
        dispatcher.addHandler(info("os", 2), os);

        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put("firmware", Map.of("__t", "c", "version", "2.1.0"));
        desired.put("os", Map.of("__t", "c", "timezone", "UTC"));
        desired.put("notAComponent", 5L);
        dispatcher.reconcile(7, DesiredSections.split(desired));

        Await.until("both acknowledged", () -> acks.finals("firmware").size() == 1 && acks.finals("os").size() == 1);
        assertEquals(Map.of("version", "2.1.0"), firmware.applied.get(0).properties());
        assertEquals(Map.of("timezone", "UTC"), os.applied.get(0).properties());
        assertEquals(7, firmware.applied.get(0).version());
        assertEquals(new Ack(200, 7, "applied v7"), acks.finals("firmware").get(0));
    }

    @Test
    void doesNotReapplyUnchangedSectionWhenOtherComponentsChange() {
        ScriptedHandler firmware = ScriptedHandler.done();
        dispatcher.addHandler(info("firmware", 1), firmware);
        dispatcher.reconcile(1, Map.of("firmware", Map.of("version", "1.0")));
        Await.until("first applied", () -> acks.finals("firmware").size() == 1);

        dispatcher.reconcile(2, Map.of("firmware", Map.of("version", "1.0"), "os", Map.of("tz", "UTC")));
        dispatcher.reconcile(3, Map.of("firmware", Map.of("version", "1.1")));

        Await.until("second applied", () -> acks.finals("firmware").size() == 2);
        assertEquals(List.of(1L, 3L), firmware.applied.stream().map(s -> s.version()).collect(Collectors.toList()));
    }

    @Test
    void doesNotReapplyUnchangedSectionAfterRestartWithTheSameStore() throws Exception {
        ScriptedHandler before = ScriptedHandler.done();
        try (StateStore store = StateStore.open(dataDir)) {
            dispatcher = new TwinDispatcher(store, acks.recordingInto(store), listener, executors);
            dispatcher.addHandler(info("firmware", 1), before);
            dispatcher.reconcile(4, Map.of("firmware", Map.of("version", "1.0", "url", "https://x/fw.bin")));
            Await.until("applied before restart", () -> acks.finals("firmware").size() == 1);
            dispatcher.close();
        }
        ScriptedHandler after = ScriptedHandler.done();
        try (StateStore store = StateStore.open(dataDir)) {
            dispatcher = new TwinDispatcher(store, acks.recordingInto(store), listener, executors);
            dispatcher.addHandler(info("firmware", 1), after);
            dispatcher.addHandler(info("os", 2), ScriptedHandler.done());
            dispatcher.reconcile(9, Map.of("firmware", Map.of("url", "https://x/fw.bin", "version", "1.0"),
                    "os", Map.of("tz", "UTC")));
            Await.until("the changed component applied", () -> acks.finals("os").size() == 1);
            dispatcher.close();
            assertTrue(after.applied.isEmpty(), "unchanged firmware section was applied again: " + after.applied);
            assertEquals(4, store.applied("firmware").orElseThrow().version());
        }
    }

    @Test
    void newerVersionSupersedesTheOneInFlightWhoseOutcomeIsDropped() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        ScriptedHandler firmware = new ScriptedHandler((section, context) -> {
            if (section.version() == 1) {
                firstStarted.countDown();
                Await.until("superseded seen", context::isSuperseded);
            }
            return Outcome.done("v" + section.version());
        });
        dispatcher.addHandler(info("firmware", 1), firmware);
        dispatcher.reconcile(1, Map.of("firmware", Map.of("version", "1.0")));
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));

        dispatcher.reconcile(2, Map.of("firmware", Map.of("version", "2.0")));
        dispatcher.reconcile(3, Map.of("firmware", Map.of("version", "3.0")));

        Await.until("newest acknowledged", () -> !acks.finals("firmware").isEmpty());
        Await.until("lane idle", () -> listener.lines().contains("state firmware idle"));
        // each newer section is validated on arrival (OfferCheck, on a plug-in thread) before it supersedes: version 2
        // may pass its check, replace version 1 and even finish before version 3 has passed its own; what never happens
        // is an outcome for the superseded version 1, an ack out of order, or a version after 3
        List<Ack> finals = acks.finals("firmware");
        assertTrue(finals.equals(List.of(new Ack(200, 3, "v3")))
                || finals.equals(List.of(new Ack(200, 2, "v2"), new Ack(200, 3, "v3"))), finals.toString());
        List<Long> applied = firmware.applied.stream().map(s -> s.version()).collect(Collectors.toList());
        assertTrue(applied.equals(List.of(1L, 3L)) || applied.equals(List.of(1L, 2L, 3L)), applied.toString());
        assertTrue(firmware.supersededAtEnd.get(0), "version 1 was not superseded");
        if (applied.size() == 3 && finals.size() == 1) {
            assertTrue(firmware.supersededAtEnd.get(1), "version 2 neither acknowledged nor superseded");
        }
    }

    @Test
    void sectionWithoutPluginWaitsAndIsAppliedWhenThePluginArrives() {
        dispatcher.reconcile(5, Map.of("sysinfo", Map.of("interval", 30L)));
        Await.until("waiting state", () -> listener.lines().contains("state sysinfo waiting-for-plugin"));
        assertTrue(acks.all().isEmpty());

        ScriptedHandler sysinfo = ScriptedHandler.done();
        dispatcher.addHandler(info("sysinfo", 3), sysinfo);

        Await.until("applied after arrival", () -> acks.finals("sysinfo").size() == 1);
        assertEquals(new Ack(200, 5, "applied v5"), acks.finals("sysinfo").get(0));
    }

    @Test
    void rejectedSectionIsAcknowledgedWith400AndTheReason() {
        ScriptedHandler os = new ScriptedHandler((section, context) -> Outcome.done("never"),
                section -> Validation.reject("timezone 'Mars/Base' is not a known zone"), Duration.ofMinutes(1));
        dispatcher.addHandler(info("os", 1), os);
        dispatcher.reconcile(2, Map.of("os", Map.of("timezone", "Mars/Base")));

        Await.until("rejected", () -> acks.finals("os").size() == 1);
        assertEquals(new Ack(400, 2, "timezone 'Mars/Base' is not a known zone"), acks.finals("os").get(0));
        assertTrue(os.applied.isEmpty());
        assertEquals(Map.of("timezone", "Mars/Base"), acks.all().get(0).properties());
    }

    @Test
    void throwingPluginIsAcknowledgedWith500AndItsMessageWhileOthersStillWork() {
        dispatcher.addHandler(info("broken", 1), new ScriptedHandler((section, context) -> {
            throw new IllegalStateException("disk /dev/sdb is read-only");
        }));
        dispatcher.addHandler(info("os", 2), ScriptedHandler.done());
        dispatcher.reconcile(3, Map.of("broken", Map.of("x", 1L), "os", Map.of("tz", "UTC")));

        Await.until("both acknowledged", () -> acks.finals("broken").size() == 1 && acks.finals("os").size() == 1);
        assertEquals(new Ack(500, 3, "disk /dev/sdb is read-only"), acks.finals("broken").get(0));
        assertEquals(200, acks.finals("os").get(0).code());
    }

    @Test
    void pluginExceedingItsTimeoutIsAcknowledgedWith500AndTheComponentMovesOn() {
        ScriptedHandler slow = new ScriptedHandler((section, context) -> {
            if (section.version() == 1) {
                release.await();
            }
            return Outcome.done("v" + section.version());
        }, section -> Validation.accept(), Duration.ofMillis(200));
        dispatcher.addHandler(info("slow", 1), slow);
        dispatcher.reconcile(1, Map.of("slow", Map.of("step", 1L)));

        Await.until("timed out", () -> acks.finals("slow").size() == 1);
        assertEquals(new Ack(500, 1, "timed out after 200 ms"), acks.finals("slow").get(0));

        dispatcher.reconcile(2, Map.of("slow", Map.of("step", 2L)));
        Await.until("next version applied", () -> acks.finals("slow").size() == 2);
        assertEquals(new Ack(200, 2, "v2"), acks.finals("slow").get(1));
    }

    @Test
    void differentComponentsRunInParallel() {
        CountDownLatch bothInside = new CountDownLatch(2);
        ScriptedHandler.Script meetInside = (section, context) -> {
            bothInside.countDown();
            return bothInside.await(10, TimeUnit.SECONDS) ? Outcome.done("met") : Outcome.failed("alone");
        };
        dispatcher.addHandler(info("a", 1), new ScriptedHandler(meetInside));
        dispatcher.addHandler(info("b", 2), new ScriptedHandler(meetInside));
        dispatcher.reconcile(1, Map.of("a", Map.of("x", 1L), "b", Map.of("y", 2L)));

        Await.until("both done", () -> acks.finals("a").size() == 1 && acks.finals("b").size() == 1);
        assertEquals("met", acks.finals("a").get(0).description());
        assertEquals("met", acks.finals("b").get(0).description());
    }

    @Test
    void progressIsThrottledLatestWinsAndNeverFollowsTheFinalAck() throws Exception {
        CountDownLatch burstDone = new CountDownLatch(1);
        ScriptedHandler updater = new ScriptedHandler((section, context) -> {
            for (int i = 1; i <= 20; i++) {
                context.progress("step " + i);
            }
            burstDone.countDown();
            Await.until("throttled progress flushed", () -> acks.of("fw").size() >= 2);
            context.progress("late step");
            return Outcome.done("installed");
        });
        dispatcher.addHandler(info("fw", 1), updater);
        dispatcher.reconcile(6, Map.of("fw", Map.of("version", "2.0")));

        assertTrue(burstDone.await(10, TimeUnit.SECONDS));
        Await.until("final ack", () -> acks.finals("fw").size() == 1);
        List<Ack> all = acks.of("fw");
        assertEquals(new Ack(202, 6, "step 1"), all.get(0), "the first progress goes out at once");
        assertEquals(new Ack(202, 6, "step 20"), all.get(1), "the latest of the burst goes out after the interval");
        assertEquals(new Ack(200, 6, "installed"), all.get(all.size() - 1), "the final ack comes last");
        assertTrue(all.size() <= 3, "no more than one progress per interval: " + all);
    }

    @Test
    void removedSectionIsForgottenSoTheSameContentAppliesAgainWhenItReturns() {
        ScriptedHandler firmware = ScriptedHandler.done();
        dispatcher.addHandler(info("firmware", 1), firmware);
        dispatcher.reconcile(1, Map.of("firmware", Map.of("version", "1.0")));
        Await.until("applied", () -> acks.finals("firmware").size() == 1);

        dispatcher.reconcile(2, Map.of());
        dispatcher.reconcile(3, Map.of("firmware", Map.of("version", "1.0")));

        Await.until("applied again", () -> acks.finals("firmware").size() == 2);
        assertEquals(3, acks.finals("firmware").get(1).version());
    }

    @Test
    void pluginCannotReportReadOnlyPropertyNamedLikeADesiredOne() {
        ScriptedHandler firmware = new ScriptedHandler((section, context) -> {
            context.report(Map.of("installed", "1.0"));
            try {
                context.report(Map.of("version", "1.0"));
                return Outcome.failed("accepted a desired name");
            } catch (IllegalArgumentException expected) {
                return Outcome.done("ok");
            }
        });
        dispatcher.addHandler(info("firmware", 1), firmware);
        dispatcher.reconcile(1, Map.of("firmware", Map.of("version", "1.0")));

        Await.until("acknowledged", () -> acks.finals("firmware").size() == 1);
        assertEquals("ok", acks.finals("firmware").get(0).description());
        assertEquals(List.of(Map.of("firmware", Map.of("installed", "1.0"))), acks.readOnly());
    }

    @Test
    void highestRankedPluginServesAComponentAndTheOtherTakesOverWhenItLeaves() {
        ScriptedHandler low = ScriptedHandler.done();
        ScriptedHandler high = ScriptedHandler.done();
        dispatcher.addHandler(new HandlerInfo("fw", "low.bundle", "1.0.0", 10, 0), low);
        dispatcher.addHandler(new HandlerInfo("fw", "high.bundle", "1.0.0", 11, 5), high);
        dispatcher.reconcile(1, Map.of("fw", Map.of("v", 1L)));
        Await.until("applied", () -> acks.finals("fw").size() == 1);

        dispatcher.removeHandler(11);
        dispatcher.reconcile(2, Map.of("fw", Map.of("v", 2L)));
        Await.until("applied by the stand-in", () -> acks.finals("fw").size() == 2);

        assertEquals(1, high.applied.size());
        assertEquals(1, low.applied.size());
        assertEquals(2, low.applied.get(0).version());
        assertFalse(listener.lines().isEmpty());
    }

    private static HandlerInfo info(String component, long serviceId) {
        return new HandlerInfo(component, "test." + component, "1.0.0", serviceId, 0);
    }
}
