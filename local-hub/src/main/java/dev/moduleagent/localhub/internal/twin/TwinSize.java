package dev.moduleagent.localhub.internal.twin;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The size of a twin section as IoT Hub counts it against its limits (not the length of the JSON text): the sum,
 * over every property, of its key's length and its value's length, where strings count their UTF-8 bytes without
 * Unicode control characters (C0 and C1), numbers 8 bytes, booleans 4 bytes, and objects and arrays the sum of
 * what they contain.
 */
public final class TwinSize {

    static final int NUMBER_BYTES = 8;
    static final int BOOLEAN_BYTES = 4;

    private TwinSize() {
    }

    public static long of(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return 0;
        }
        if (value.isJsonObject()) {
            long size = 0;
            for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
                size += text(entry.getKey()) + of(entry.getValue());
            }
            return size;
        }
        if (value.isJsonArray()) {
            long size = 0;
            for (JsonElement element : value.getAsJsonArray()) {
                size += of(element);
            }
            return size;
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        if (primitive.isNumber()) {
            return NUMBER_BYTES;
        }
        if (primitive.isBoolean()) {
            return BOOLEAN_BYTES;
        }
        return text(primitive.getAsString());
    }

    static long text(String value) {
        StringBuilder kept = new StringBuilder(value.length());
        value.codePoints().filter(cp -> !Character.isISOControl(cp)).forEach(kept::appendCodePoint);
        return kept.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
