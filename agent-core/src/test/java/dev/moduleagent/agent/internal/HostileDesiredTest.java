package dev.moduleagent.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.agent.internal.testing.Await;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values the hub may hold but the agent cannot represent (the SDK reads {@code 1e999999} as an infinity) are answered
 * with {@code ac} 400 and never take the agent offline.
 */
class HostileDesiredTest extends AgentTestSupport {

    @Test
    void aNumberBeyondDoubleRangeInTheTwinIsRefusedWith400AndTheAgentStaysConnected() throws Exception {
        hub.setDesired(Map.of("firmware", Map.of("version", "2.0", "size", Double.POSITIVE_INFINITY),
                "os", Map.of("tz", "UTC")), 3);
        Recording firmware = new Recording();
        Recording os = new Recording();
        agent = start();
        agent.addHandler(new HandlerInfo("firmware", "fw", "1", 1, 0), firmware);
        agent.addHandler(new HandlerInfo("os", "os", "1", 2, 0), os);

        Await.until("the other component applied", () -> ackVersion("os", "tz", 200) == 3);
        Await.until("firmware refused", () -> ackVersion("firmware", "version", 400) == 3);
        Map<?, ?> refused = ack("firmware", "size").orElseThrow();
        assertTrue(String.valueOf(refused.get("ad")).startsWith("cannot be represented: firmware.size is a number"
                + " beyond the range of a double"), refused.toString());
        assertEquals(null, refused.get("value"), "an infinity cannot be echoed");
        assertEquals("2.0", ack("firmware", "version").orElseThrow().get("value"));
        assertTrue(firmware.versions.isEmpty(), "handed to the plug-in: " + firmware.versions);
        assertEquals(1, hub.openAttempts(), "reconnected");
        assertEquals(1, hub.twinReads());
        assertTrue(agent.reported() != null && isConnected());
    }

    @Test
    void unrepresentableValuesInPatchesAreRefusedOneByOneWithoutAReconnect() throws Exception {
        hub.setDesired(Map.of("firmware", Map.of("version", "1.0")), 1);
        Recording firmware = new Recording();
        agent = start();
        agent.addHandler(new HandlerInfo("firmware", "fw", "1", 1, 0), firmware);
        Await.until("first applied", () -> ackVersion("firmware", "version", 200) == 1);

        long nan = hub.patchDesired("firmware", Map.of("version", Double.NaN));
        Await.until("NaN refused", () -> ackVersion("firmware", "version", 400) == nan);
        long negative = hub.patchDesired("firmware", Map.of("version", Map.of("deep", List.of(Double.NEGATIVE_INFINITY))));
        Await.until("-Infinity refused", () -> ackVersion("firmware", "version", 400) == negative);
        long huge = hub.patchDesired("firmware", Map.of("version", new BigInteger("1".repeat(40))));
        // IoT Hub stores integers within -2^52..2^52-1 only (twin-model's TwinRules, the rule local-hub applies)
        Await.until("an integer beyond IoT Hub's range refused", () -> ackVersion("firmware", "version", 400) == huge);

        assertEquals(List.of(1L), firmware.versions);
        assertEquals(1, hub.openAttempts(), "reconnected");
        assertEquals(1, hub.twinReads(), "every patch was placed");
    }

    private boolean isConnected() {
        return twin().get("agent") instanceof Map<?, ?> section
                && section.get("connection") instanceof Map<?, ?> connection
                && "CONNECTED".equals(connection.get("state"));
    }
}
