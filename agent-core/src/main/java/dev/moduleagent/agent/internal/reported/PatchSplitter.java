package dev.moduleagent.agent.internal.reported;

import dev.moduleagent.twin.Json;
import dev.moduleagent.twin.TwinValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts one component's contribution into patches that each fit IoT Hub's patch size limit, splitting between the
 * section's top-level properties; a single property that cannot fit even alone is refused.
 */
final class PatchSplitter {

    private PatchSplitter() {
    }

    /**
     * @param component the component name
     * @param section the section, starting with the {@code "__t"} marker
     * @param maxBytes the size limit of one patch
     * @return patches {@code {component: {"__t": "c", ...}}}, in order, each within the limit
     * @throws IllegalArgumentException when one property alone exceeds the limit
     */
    static List<Map<String, Object>> split(String component, Map<String, Object> section, int maxBytes) {
        Map<String, Object> whole = Map.of(component, section);
        int size = Json.sizeInBytes(whole);
        if (size <= maxBytes) {
            return List.of(patch(component, section));
        }
        List<Map<String, Object>> chunks = new ArrayList<>();
        Map<String, Object> current = marker(section);
        for (Map.Entry<String, Object> entry : section.entrySet()) {
            if (entry.getKey().equals(ReportedAggregator.MARKER_KEY)) {
                continue;
            }
            current.put(entry.getKey(), entry.getValue());
            if (Json.sizeInBytes(Map.of(component, current)) <= maxBytes) {
                continue;
            }
            current.remove(entry.getKey());
            Map<String, Object> alone = marker(section);
            alone.put(entry.getKey(), entry.getValue());
            int aloneSize = Json.sizeInBytes(Map.of(component, alone));
            if (aloneSize > maxBytes) {
                throw new IllegalArgumentException("reported property '" + entry.getKey() + "' of component '"
                        + component + "' is " + aloneSize + " bytes as JSON, more than IoT Hub's " + maxBytes
                        + "-byte patch limit");
            }
            if (current.size() > marker(section).size()) {
                chunks.add(patch(component, current));
            }
            current = alone;
        }
        chunks.add(patch(component, current));
        return chunks;
    }

    private static Map<String, Object> marker(Map<String, Object> section) {
        Map<String, Object> start = new LinkedHashMap<>();
        if (section.containsKey(ReportedAggregator.MARKER_KEY)) {
            start.put(ReportedAggregator.MARKER_KEY, section.get(ReportedAggregator.MARKER_KEY));
        }
        return start;
    }

    private static Map<String, Object> patch(String component, Map<String, Object> section) {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put(component, TwinValues.copy(section));
        return patch;
    }
}
