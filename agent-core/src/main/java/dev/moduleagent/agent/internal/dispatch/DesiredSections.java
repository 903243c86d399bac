package dev.moduleagent.agent.internal.dispatch;

import dev.moduleagent.twin.PnpComponent;
import dev.moduleagent.twin.TwinValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits the desired properties into component sections: every top-level key whose value is an object is a
 * component; {@code $version}, {@code $metadata} and other {@code $} keys are skipped, and the {@code "__t"} marker
 * is dropped from each section. Top-level values that are not objects belong to no plug-in and are ignored.
 * Sections are deep, unmodifiable copies: plug-ins may keep them while the agent's document moves on.
 */
public final class DesiredSections {

    /** The IoT Plug and Play component marker. */
    public static final String MARKER_KEY = PnpComponent.MARKER_KEY;

    private DesiredSections() {
    }

    /**
     * @param desired the full desired properties
     * @return component name → its properties, in the hub's order
     */
    public static Map<String, Map<String, Object>> split(Map<String, Object> desired) {
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        desired.forEach((key, value) -> {
            if (!key.startsWith("$") && value instanceof Map<?, ?> section) {
                Map<String, Object> properties = new LinkedHashMap<>();
                section.forEach((k, v) -> {
                    String name = String.valueOf(k);
                    if (!name.equals(MARKER_KEY) && !name.startsWith("$")) {
                        properties.put(name, TwinValues.frozen(v));
                    }
                });
                sections.put(key, Collections.unmodifiableMap(properties));
            }
        });
        return sections;
    }
}
