package dev.moduleagent.agent.internal.reported;

import com.google.gson.JsonElement;
import dev.moduleagent.twin.Json;
import dev.moduleagent.twin.TwinValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The merge patch that turns what the hub holds into what the agent reported. After a reconnect the 2.5.0 SDK may
 * re-send a reported patch whose PUBACK it missed, after newer ones were confirmed: that older patch then overwrites
 * newer values on the hub, and only a comparison with the twin read afterwards finds it.
 */
final class ReportedDiff {

    private ReportedDiff() {
    }

    /**
     * @param wanted the agent's own section
     * @param held the hub's section (or {@code null} when the hub has none)
     * @return a patch that makes {@code held} equal to {@code wanted}; empty when they are equal
     */
    static Map<String, Object> between(Map<String, Object> wanted, Map<?, ?> held) {
        Map<String, Object> patch = new LinkedHashMap<>();
        Map<?, ?> hub = held == null ? Map.of() : held;
        wanted.forEach((key, value) -> {
            Object current = hub.get(key);
            if (value instanceof Map<?, ?> want && current instanceof Map<?, ?> have) {
                Map<String, Object> inner = between(TwinValues.cast(want), have);
                if (!inner.isEmpty()) {
                    patch.put(key, inner);
                }
            } else if (!hub.containsKey(key) || !same(value, current)) {
                patch.put(key, TwinValues.copy(value));
            }
        });
        for (Object key : hub.keySet()) {
            if (key instanceof String name && !wanted.containsKey(name)) {
                patch.put(name, null);
            }
        }
        return patch;
    }

    /** JSON equality: 1 and 1.0 are the same number, as they are on the hub. */
    private static boolean same(Object a, Object b) {
        try {
            JsonElement left = Json.tree(a);
            JsonElement right = Json.tree(b);
            return left.equals(right);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
