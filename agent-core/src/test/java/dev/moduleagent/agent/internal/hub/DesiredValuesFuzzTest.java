package dev.moduleagent.agent.internal.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import dev.moduleagent.agent.internal.dispatch.Ack;
import dev.moduleagent.agent.internal.dispatch.AckSink;
import dev.moduleagent.agent.internal.dispatch.AppliedRecord;
import dev.moduleagent.agent.internal.dispatch.DesiredFeed;
import dev.moduleagent.agent.internal.dispatch.DispatchExecutors;
import dev.moduleagent.agent.internal.dispatch.TwinDispatcher;
import dev.moduleagent.agent.internal.reported.ReportedAggregator;
import dev.moduleagent.agent.internal.testing.MemoryLedger;
import dev.moduleagent.agent.internal.testing.MemoryOutbox;
import dev.moduleagent.agent.internal.testing.RecordingListener;
import dev.moduleagent.twin.ContentHash;
import dev.moduleagent.twin.Json;
import dev.moduleagent.twin.TwinLimits;
import dev.moduleagent.twin.TwinRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Fuzzes the agent's handling of desired values as the hub may store them: numbers of any size (also beyond double
 * range, as raw JSON tokens), NaN and infinities, long strings, nesting to 13 levels, keys that break IoT Hub's
 * rules. Each input goes both ways the agent receives it: as JSON text through the SDK's parser and the channel's
 * conversion (what {@link SdkTwinChannel} does), and as plain Java values (what a channel may hand over).
 *
 * <p>Asserted: nothing escapes the twin path (SDK parsing may refuse text, which the channel reports as a failed
 * twin read), every component section with a valid name is either dispatched (it waits for its plug-in) or
 * answered with {@code ac} 400, and every such answer reaches the outbox.
 *
 * <p>{@code mvn verify} replays the seed corpus in {@code src/test/resources/…/DesiredValuesFuzzTestInputs}; to fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl agent-core test -Dtest=DesiredValuesFuzzTest -Djazzer.max_duration=10m} (see README).
 */
class DesiredValuesFuzzTest {

    static {
        // a long fuzzing run logs millions of refusals; in a shared test JVM whose logging started already, no effect
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }

    private static final DispatchExecutors UNUSED_THREADS = new DispatchExecutors(Executors.newSingleThreadExecutor(),
            Executors.newSingleThreadExecutor(), Executors.newSingleThreadScheduledExecutor(), Duration.ofSeconds(1));

    @FuzzTest(maxDuration = "15m")
    void everySectionIsDispatchedOrAnsweredAndNothingEscapes(FuzzedDataProvider data) {
        Map<String, Object> desired = FuzzedTwin.document(data);
        // a $version is an IoT Hub integer (at most 2^52-1), echoed in every ack as "av"
        long version = data.consumeLong(1, TwinLimits.MAX_INTEGER - 2);
        handle(version, FuzzedTwin.plain(desired));
        String text = FuzzedTwin.json(desired);
        Map<String, Object> parsed;
        try {
            Twin twin = Twin.createFromPropertiesJson("{\"desired\":" + text + ",\"reported\":{}}");
            parsed = TwinValues.plain(twin.getDesiredProperties());
        } catch (RuntimeException refused) {
            return; // SdkTwinChannel turns this into a failed twin read: never more than the hub would store
        }
        handle(version, parsed);
    }

    private static void handle(long version, Map<String, Object> desired) {
        MemoryLedger ledger = new MemoryLedger();
        RecordingListener listener = new RecordingListener();
        CheckedAcks acks = new CheckedAcks(new ReportedAggregator(new MemoryOutbox(), TwinLimits.MAX_PATCH_BYTES));
        DesiredFeed feed = new DesiredFeed(new TwinDispatcher(ledger, acks, listener, UNUSED_THREADS));

        feed.onTwin(version, desired);
        Json.describe(desired);
        ContentHash.of(desired);

        desired.forEach((component, section) -> {
            if (!(section instanceof Map<?, ?>) || component.startsWith("$") || !validName(component)) {
                return;
            }
            boolean waits = listener.lines().contains("state " + component + " waiting-for-plugin");
            boolean refused = acks.refused.contains(component);
            assertTrue(waits ^ refused, component + ": dispatched " + waits + ", refused " + refused);
        });
        assertEquals(new ArrayList<>(), acks.failures, "an ack could not be written");
        feed.onPatch(version + 1, FuzzedTwin.patchOf(desired));
    }

    private static boolean validName(String key) {
        try {
            TwinRules.checkKey(key, "component");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The real aggregator behind a recorder of refusals and of acks it could not take. */
    private static final class CheckedAcks implements AckSink {
        final ArrayList<String> refused = new ArrayList<>();
        final ArrayList<String> failures = new ArrayList<>();
        private final ReportedAggregator target;

        CheckedAcks(ReportedAggregator target) {
            this.target = target;
        }

        @Override
        public void acknowledge(String component, Map<String, Object> desired, Ack ack) {
            if (ack.code() == 400 && ack.description().startsWith("cannot be represented: ")) {
                refused.add(component);
            }
            try {
                target.acknowledge(component, desired, ack);
            } catch (RuntimeException e) {
                failures.add(component + ": " + e);
            }
        }

        @Override
        public void acknowledgeApplied(String component, Map<String, Object> desired, Ack ack, AppliedRecord record) {
            if (ack.code() == 400 && ack.description().startsWith("cannot be represented: ")) {
                refused.add(component);
            }
            try {
                target.acknowledgeApplied(component, desired, ack, record);
            } catch (RuntimeException e) {
                failures.add(component + ": " + e);
            }
        }

        @Override
        public void reportReadOnly(String component, Map<String, ?> properties) {
            target.reportReadOnly(component, properties);
        }
    }
}
