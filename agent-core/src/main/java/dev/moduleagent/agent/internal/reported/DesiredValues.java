package dev.moduleagent.agent.internal.reported;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a desired section read from the hub can be handed to a plug-in and acknowledged, under the same twin
 * rules the agent applies to what it reports. The hub may hold values the agent cannot represent faithfully (a number
 * beyond double range is read by the SDK as an infinity), or that break IoT Hub's rules; such a section is answered
 * with {@code ac} 400 instead of being dispatched, so that no value can stall the agent.
 */
public final class DesiredValues {

    private DesiredValues() {
    }

    /**
     * @param component the component name, the start of the paths in the message
     * @param section a component's desired properties (the section is level 1)
     * @return what makes the section unusable, naming the property path; empty when it can be dispatched
     */
    public static Optional<String> problem(String component, Map<String, Object> section) {
        return Optional.ofNullable(object(section, component, 1));
    }

    private static String object(Map<?, ?> map, String path, int depth) {
        if (depth > TwinRules.MAX_DEPTH) {
            return path + " is nested deeper than IoT Hub's " + TwinRules.MAX_DEPTH + " levels";
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String child = path + "." + key;
            try {
                TwinRules.checkKey(key, child);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
            String problem = value(entry.getValue(), child, depth);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String value(Object value, String path, int parentDepth) {
        if (value == null || value instanceof Boolean || value instanceof Long || value instanceof Integer
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return null;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                return path + " is not a number (NaN)";
            }
            return Double.isInfinite(d) ? path + " is a number beyond the range of a double (read as " + d + ")" : null;
        }
        if (value instanceof String text) {
            try {
                TwinRules.checkString(text, path);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        if (value instanceof Map<?, ?> map) {
            return object(map, path, parentDepth + 1);
        }
        if (value instanceof List<?> list) {
            return list(list, path, parentDepth + 1);
        }
        return path + " has an unexpected type " + value.getClass().getSimpleName();
    }

    private static String list(List<?> list, String path, int depth) {
        if (depth > TwinRules.MAX_DEPTH) {
            return path + " is nested deeper than IoT Hub's " + TwinRules.MAX_DEPTH + " levels";
        }
        for (int i = 0; i < list.size(); i++) {
            String problem = value(list.get(i), path + "[" + i + "]", depth);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
