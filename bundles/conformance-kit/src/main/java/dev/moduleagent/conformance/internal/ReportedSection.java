package dev.moduleagent.conformance.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One component's reported section as the hub keeps it: patches merge recursively and {@code null} deletes, the way
 * IoT Hub applies a reported-properties patch.
 */
public final class ReportedSection {

    private final Map<String, Object> properties = new LinkedHashMap<>();

    /**
     * @param patch properties to merge; nested maps merge, {@code null} deletes
     */
    public synchronized void merge(Map<String, ?> patch) {
        mergeInto(properties, patch);
    }

    /** @return a deep, unmodifiable copy of the section */
    public synchronized Map<String, Object> snapshot() {
        return frozen(properties);
    }

    /**
     * @param section a section snapshot
     * @param ignoredKeys keys removed at any depth
     * @param ackedKeys keys whose values are acknowledgements; their {@code "ad"} texts are removed
     * @return the section as compared between two applications of the same desired section
     */
    public static Map<String, Object> comparable(Map<String, Object> section, Set<String> ignoredKeys,
            Set<String> ackedKeys) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : section.entrySet()) {
            if (ignoredKeys.contains(entry.getKey())) {
                continue;
            }
            Object value = entry.getValue();
            if (ackedKeys.contains(entry.getKey()) && value instanceof Map<?, ?> ack) {
                Map<String, Object> withoutText = new LinkedHashMap<>(castMap(ack));
                withoutText.remove("ad");
                value = withoutText;
            } else if (value instanceof Map<?, ?> nested) {
                value = comparable(castMap(nested), ignoredKeys, Set.of());
            }
            copy.put(entry.getKey(), value);
        }
        return copy;
    }

    private static void mergeInto(Map<String, Object> target, Map<String, ?> patch) {
        for (Map.Entry<String, ?> entry : patch.entrySet()) {
            Object value = entry.getValue();
            if (value == null) {
                target.remove(entry.getKey());
            } else if (value instanceof Map<?, ?> nested && target.get(entry.getKey()) instanceof Map<?, ?> old) {
                Map<String, Object> merged = new LinkedHashMap<>(castMap(old));
                mergeInto(merged, castMap(nested));
                target.put(entry.getKey(), merged);
            } else {
                target.put(entry.getKey(), copyOf(value));
            }
        }
    }

    private static Object copyOf(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            mergeInto(copy, castMap(map));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(copyOf(item)));
            return copy;
        }
        return value;
    }

    private static Map<String, Object> frozen(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, frozenValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object frozenValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return frozen(castMap(map));
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(frozenValue(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
