package dev.moduleagent.agent.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.dispatch.Ack;
import dev.moduleagent.agent.internal.dispatch.LaneState;
import dev.moduleagent.agent.internal.hub.ConnectionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthStateTest {

    private Instant now = Instant.parse("2026-11-30T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final AtomicInteger outbox = new AtomicInteger();
    private final AgentMetrics metrics = new AgentMetrics(outbox::get, () -> now.plus(Duration.ofDays(10)), clock);
    private final HealthState health = new HealthState(metrics, outbox::get, clock);

    @Test
    void healthyOnlyWhileConnectedWithTheReportsConfirmedAndEveryPlugInServing() {
        assertEquals(List.of("hub connection CONNECTING: starting"), health.problems());
        health.connectionChanged(ConnectionState.CONNECTED, "connected");
        assertEquals(List.of(), health.problems());

        health.connectionChanged(ConnectionState.RETRYING, "NO_NETWORK");
        assertEquals(List.of("hub connection RETRYING: NO_NETWORK"), health.problems());
        health.connectionChanged(ConnectionState.CONNECTED, "reconnected");

        health.stateChanged("firmware", LaneState.WAITING_FOR_PLUGIN);
        assertEquals(List.of("component firmware: a desired section waits for a plug-in"), health.problems());
        health.stateChanged("firmware", LaneState.APPLYING);
        now = now.plusMillis(1500);
        health.outcome("firmware", new Ack(500, 7, "flash failed"));
        health.stateChanged("firmware", LaneState.IDLE);
        assertEquals(List.of("component firmware: last outcome failed (ac 500)"), health.problems());
        health.outcome("firmware", new Ack(200, 8, "installed"));
        assertEquals(List.of(), health.problems());
    }

    @Test
    void reportsWaitingLongerThanTheGraceMakeTheTwinOutOfSync() {
        health.connectionChanged(ConnectionState.CONNECTED, "connected");
        outbox.set(3);
        assertEquals(List.of(), health.problems(), "just queued");
        now = now.plus(HealthState.SYNC_GRACE).plusSeconds(1);
        assertEquals(List.of("3 reported patch(es) not confirmed by the hub for 31 s"), health.problems());
        outbox.set(0);
        assertEquals(List.of(), health.problems());
    }

    @Test
    void theMetricsCountWhatHappened() {
        health.connectionChanged(ConnectionState.CONNECTED, "connected");
        health.connectionChanged(ConnectionState.RETRYING, "NO_NETWORK");
        health.connectionChanged(ConnectionState.CONNECTED, "reconnected");
        health.desiredReceived(12);
        health.stateChanged("os", LaneState.APPLYING);
        now = now.plusMillis(250);
        health.outcome("os", new Ack(200, 12, "ok"));
        metrics.patchSent(true);
        metrics.patchSent(false);
        outbox.set(2);

        String text = metrics.scrapeText();
        for (String line : List.of("moduleagent_connected 1.0", "moduleagent_reconnects_total 1.0",
                "moduleagent_desired_version_received 12.0",
                "moduleagent_desired_version_acknowledged{component=\"os\"} 12.0",
                "moduleagent_acks_total{code=\"200\",component=\"os\"} 1.0",
                "moduleagent_apply_duration_seconds_count{component=\"os\"} 1",
                "moduleagent_apply_duration_seconds_sum{component=\"os\"} 0.25",
                "moduleagent_reported_patches_sent_total 1.0", "moduleagent_reported_patches_failed_total 1.0",
                "moduleagent_outbox_patches 2.0", "moduleagent_certificate_days_left 10.0")) {
            assertTrue(text.lines().anyMatch(line::equals), "missing '" + line + "' in:\n" + text);
        }
        assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\"}"), text);
        PrometheusParser.assertParses(text);
    }
}
