package dev.moduleagent.agent.internal.reported;

import dev.moduleagent.agent.internal.dispatch.Ack;
import dev.moduleagent.twin.Json;
import dev.moduleagent.twin.TwinRules;
import dev.moduleagent.twin.TwinValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the IoT Plug and Play acknowledgements of a desired section so that they can always be reported: the
 * desired value is echoed in {@code value} only when it fits the reported rules at the acknowledgement's depth (the
 * ack object adds a level) and {@value #MAX_ECHO_BYTES} bytes; otherwise {@code value} is {@code null} (which also deletes the echo of an
 * earlier ack) and the ack carries {@code ac}, {@code av} and {@code ad} alone. A property whose name cannot be a reported key gets no ack.
 */
final class AckValues {

    /** Largest echoed desired value, as JSON; a larger one would crowd the 32 KB reported document. */
    static final int MAX_ECHO_BYTES = 8 * 1024;

    private AckValues() {
    }

    /**
     * @param component the component name
     * @param desired the section's desired properties
     * @param ack the acknowledgement shared by all of them
     * @return property → {@code {"value"?, "ac", "av", "ad"}}, only for properties that can carry an ack
     */
    static Map<String, Object> section(String component, Map<String, Object> desired, Ack ack) {
        Map<String, Object> section = new LinkedHashMap<>();
        desired.forEach((key, value) -> {
            String path = component + "." + key;
            try {
                TwinRules.checkKey(key, path);
            } catch (IllegalArgumentException e) {
                return;
            }
            Map<String, Object> acknowledgement = new LinkedHashMap<>();
            acknowledgement.put("value", echo(value, path)); // null deletes a stale echo of an earlier ack
            acknowledgement.put("ac", ack.code());
            acknowledgement.put("av", ack.version());
            acknowledgement.put("ad", ack.description());
            section.put(key, acknowledgement);
        });
        return section;
    }

    private static Object echo(Object value, String path) {
        if (value == null) {
            return null;
        }
        try {
            Map<String, Object> checked = TwinValues.checkedCopy(Collections.singletonMap("value", value), path, 2);
            return Json.sizeInBytes(checked) <= MAX_ECHO_BYTES ? checked.get("value") : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
