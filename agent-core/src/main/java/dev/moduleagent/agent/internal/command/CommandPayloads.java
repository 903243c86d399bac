package dev.moduleagent.agent.internal.command;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a direct method's JSON payload into the plain, unmodifiable values of the API and an answer back into JSON,
 * within IoT Hub's limits for direct methods (128 KB each way) and its nesting depth.
 */
final class CommandPayloads {

    /** IoT Hub's limit for a direct method's request and response payloads. */
    static final int MAX_BYTES = 128 * 1024;
    /** Deepest nesting accepted in a request payload (objects and arrays count). */
    static final int MAX_DEPTH = 10;

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

    private CommandPayloads() {
    }

    /**
     * @param json the request payload as received
     * @return plain values ({@code null} for an empty object or JSON null)
     * @throws IllegalArgumentException naming what is wrong: too large, too deep, or not JSON
     */
    static Object read(String json) {
        if (json.length() > MAX_BYTES || json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("the payload is larger than " + MAX_BYTES + " bytes");
        }
        Object value;
        try {
            value = GSON.fromJson(json, Object.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the payload is not JSON: " + e.getMessage(), e);
        }
        if (value instanceof Map<?, ?> map && map.isEmpty()) {
            return null;
        }
        return frozen(value, 1);
    }

    /**
     * @param payload an answer's plain values
     * @return its JSON text
     * @throws IllegalArgumentException when it cannot be written or is larger than {@link #MAX_BYTES}
     */
    static String write(Object payload) {
        String json = writeUnbounded(payload);
        int size = json.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException("the answer has " + size + " bytes, more than " + MAX_BYTES);
        }
        return json;
    }

    /**
     * @param value plain values
     * @return their JSON text, whatever the size
     * @throws IllegalArgumentException when they cannot be written
     */
    static String writeUnbounded(Object value) {
        try {
            return GSON.toJson(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot be written as JSON: " + e, e);
        }
    }

    private static Object frozen(Object value, int depth) {
        if (value instanceof Map<?, ?> map) {
            checkDepth(depth);
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, member) -> copy.put((String) key, frozen(member, depth + 1)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            checkDepth(depth);
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(member -> copy.add(frozen(member, depth + 1)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("the payload is nested deeper than " + MAX_DEPTH + " levels");
        }
    }
}
