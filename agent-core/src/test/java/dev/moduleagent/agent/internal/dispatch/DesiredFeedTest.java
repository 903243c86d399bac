package dev.moduleagent.agent.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.testing.Await;
import dev.moduleagent.agent.internal.testing.MemoryLedger;
import dev.moduleagent.agent.internal.testing.RecordingAcks;
import dev.moduleagent.agent.internal.testing.RecordingListener;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DesiredFeedTest {

    private final MemoryLedger ledger = new MemoryLedger();
    private final RecordingAcks acks = new RecordingAcks().recordingInto(ledger);
    private final DispatchExecutors executors = DispatchExecutors.create(Duration.ofSeconds(1));
    private final TwinDispatcher dispatcher = new TwinDispatcher(ledger, acks, new RecordingListener(),
            executors);
    private final DesiredFeed feed = new DesiredFeed(dispatcher);
    private final ScriptedHandler firmware = ScriptedHandler.done();

    @AfterEach
    void stop() {
        dispatcher.close();
        executors.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void mergesPatchesIntoTheFullSectionBeforeDispatching() {
        dispatcher.addHandler(new HandlerInfo("firmware", "fw", "1", 1, 0), firmware);
        feed.onTwin(4, Map.of("firmware", Map.of("__t", "c", "version", "1.0", "url", "https://a")));
        Await.until("first", () -> acks.finals("firmware").size() == 1);

        Map<String, Object> patch = new HashMap<>();
        patch.put("firmware", new HashMap<>(Map.of("version", "1.1")));
        assertTrue(feed.onPatch(5, patch));

        Await.until("second", () -> acks.finals("firmware").size() == 2);
        assertEquals(Map.of("version", "1.1", "url", "https://a"), firmware.applied.get(1).properties());
    }

    @Test
    void nullInAPatchDeletesTheProperty() {
        dispatcher.addHandler(new HandlerInfo("firmware", "fw", "1", 1, 0), firmware);
        feed.onTwin(1, Map.of("firmware", Map.of("version", "1.0", "channel", "beta")));
        Await.until("first", () -> acks.finals("firmware").size() == 1);
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("channel", null);
        assertTrue(feed.onPatch(2, Map.of("firmware", inner)));

        Await.until("second", () -> acks.finals("firmware").size() == 2);
        assertEquals(Map.of("version", "1.0"), firmware.applied.get(1).properties());
    }

    @Test
    void asksForTheFullTwinWhenAVersionWasSkippedAndAppliesNothingMixed() {
        dispatcher.addHandler(new HandlerInfo("firmware", "fw", "1", 1, 0), firmware);
        feed.onTwin(3, Map.of("firmware", Map.of("version", "1.0")));
        Await.until("first", () -> acks.finals("firmware").size() == 1);

        assertFalse(feed.onPatch(5, Map.of("firmware", Map.of("version", "2.0"))));
        assertEquals(3, feed.version());
        assertTrue(feed.onPatch(3, Map.of("firmware", Map.of("version", "0.9"))), "a stale patch is ignored");
        assertEquals(3, feed.version());
    }

    @Test
    void asksForTheFullTwinWhenAPatchComesBeforeAnyTwin() {
        assertFalse(feed.onPatch(2, Map.of("firmware", Map.of("version", "2.0"))));
    }
}
