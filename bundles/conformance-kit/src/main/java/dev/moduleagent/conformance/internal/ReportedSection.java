package dev.moduleagent.conformance.internal;

import dev.moduleagent.twin.MergePatch;
import dev.moduleagent.twin.TwinValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One component's reported section as the hub keeps it: plug-in values converted as the agent converts them, and
 * patches applied as IoT Hub applies a reported-properties patch (twin-model's {@link MergePatch}).
 */
public final class ReportedSection {

    private final Map<String, Object> properties = new LinkedHashMap<>();

    /**
     * @param patch properties to merge, as a plug-in reports them; nested maps merge, {@code null} deletes
     * @throws dev.moduleagent.twin.TwinRuleException when a value cannot be a twin value (as the agent refuses it)
     */
    public synchronized void merge(Map<String, ?> patch) {
        MergePatch.apply(properties, TwinValues.fromJava(patch, "reported", 1));
    }

    /** @return a deep, unmodifiable copy of the section */
    public synchronized Map<String, Object> snapshot() {
        return TwinValues.frozen(properties);
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

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
