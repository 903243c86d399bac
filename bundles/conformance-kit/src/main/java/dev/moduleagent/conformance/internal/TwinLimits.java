package dev.moduleagent.conformance.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IoT Hub's limits on reported properties (32 KB, nesting depth 10, key and value rules), checked on a component's
 * section the way the hub would see it: {@code {"<component>": {...}}} inside the reported document.
 */
public final class TwinLimits {

    /** The largest reported document IoT Hub accepts, in bytes of UTF-8 JSON. */
    public static final int MAX_BYTES = 32 * 1024;
    /** The deepest nesting of JSON objects IoT Hub accepts, counting the reported document itself as 1. */
    public static final int MAX_DEPTH = 10;
    private static final int MAX_KEY_BYTES = 1024;
    private static final int MAX_STRING_BYTES = 4 * 1024;

    private TwinLimits() {
    }

    /**
     * @param component the component name
     * @param section the component's reported section
     * @return what breaks the limits, one line each; empty when the section fits
     */
    public static List<String> violations(String component, Map<String, ?> section) {
        List<String> problems = new ArrayList<>();
        checkKey(component, component, problems);
        walk(component, section, 2, problems);
        int bytes = JsonText.of(Map.of(component, section)).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            problems.add("reported section '" + component + "' is " + bytes + " bytes of JSON, more than " + MAX_BYTES);
        }
        return problems;
    }

    private static void walk(String path, Object value, int depth, List<String> problems) {
        if (value instanceof Map<?, ?> map) {
            if (depth > MAX_DEPTH) {
                problems.add(path + " is nested " + depth + " objects deep, more than " + MAX_DEPTH);
                return;
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                checkKey(path + "." + key, key, problems);
                walk(path + "." + key, entry.getValue(), depth + 1, problems);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(path + "[" + i + "]", list.get(i), depth, problems);
            }
        } else if (value instanceof String text) {
            if (text.getBytes(StandardCharsets.UTF_8).length > MAX_STRING_BYTES) {
                problems.add(path + " is a string longer than " + MAX_STRING_BYTES + " bytes");
            }
        } else if (value != null && !(value instanceof Number) && !(value instanceof Boolean)) {
            problems.add(path + " has a value of type " + value.getClass().getName()
                    + "; the API allows String, Number, Boolean, List, Map and null");
        }
    }

    private static void checkKey(String path, String key, List<String> problems) {
        if (key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            problems.add(path + ": a key must have 1 to " + MAX_KEY_BYTES + " bytes");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.' || c == '$' || c == ' ' || c < 0x20 || c == 0x7f) {
                problems.add(path + ": key '" + key + "' contains '" + c + "', which IoT Hub refuses in keys");
                return;
            }
        }
    }
}
