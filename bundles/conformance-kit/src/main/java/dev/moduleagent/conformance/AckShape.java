package dev.moduleagent.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The acknowledgement every desired property gets: {@code {"value", "ac", "av", "ad"}} with {@code av} = $version. */
final class AckShape {

    private static final Set<String> KEYS = Set.of("value", "ac", "av", "ad");

    private AckShape() {
    }

    static void check(String where, DesiredSection section, Outcome outcome, Map<String, Object> reported) {
        for (Map.Entry<String, Object> property : section.properties().entrySet()) {
            Object ack = reported.get(property.getKey());
            assertTrue(ack instanceof Map<?, ?>, where + ": no acknowledgement for '" + property.getKey() + "'");
            Map<?, ?> fields = (Map<?, ?>) ack;
            assertEquals(KEYS, fields.keySet(), where + ": acknowledgement of '" + property.getKey() + "'");
            assertTrue(Objects.equals(property.getValue(), fields.get("value")),
                    where + ": acknowledged value of '" + property.getKey() + "'");
            assertEquals((long) outcome.code(), fields.get("ac"), where + ": ac of '" + property.getKey() + "'");
            assertEquals(section.version(), fields.get("av"), where + ": av of '" + property.getKey() + "'");
            assertEquals(outcome.description(), fields.get("ad"), where + ": ad of '" + property.getKey() + "'");
        }
    }
}
