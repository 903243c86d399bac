package dev.moduleagent.twin;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where plain Java twin values become JSON text and back, so that sizes, hashes and the agent's
 * persisted outbox all agree on one encoding (nulls kept, numbers read back as Long or Double like the SDK does).
 */
public final class Json {

    private static final Gson GSON = new GsonBuilder()
            .serializeNulls()
            .disableHtmlEscaping()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .create();
    /** The same encoding, but NaN and infinities are written as bare tokens instead of refused: logs and hashes only. */
    private static final Gson LENIENT = GSON.newBuilder().serializeSpecialFloatingPointValues().create();
    private static final Type MAP_TYPE = new TypeToken<LinkedHashMap<String, Object>>() { }.getType();

    private Json() {
    }

    /**
     * @param value plain twin values (maps, lists, strings, numbers, booleans, nulls)
     * @return compact JSON text
     */
    public static String write(Object value) {
        return GSON.toJson(value);
    }

    /**
     * Like {@link #write}, but never refuses a value the hub may have sent: NaN and infinities become the bare tokens
     * {@code NaN}, {@code Infinity}, {@code -Infinity} (not JSON). For log lines and content hashes, never for the hub.
     *
     * @param value plain twin values
     * @return compact text
     */
    public static String describe(Object value) {
        return LENIENT.toJson(value);
    }

    /**
     * @param value plain twin values
     * @return the same as a Gson tree (numbers compare by value: 1 equals 1.0)
     */
    public static JsonElement tree(Object value) {
        return GSON.toJsonTree(value);
    }

    /**
     * @param value plain twin values
     * @return the size of its compact JSON text in UTF-8 bytes
     */
    public static int sizeInBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * @param text a JSON object
     * @return its members as plain values
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    public static Map<String, Object> readObject(String text) {
        try {
            Map<String, Object> map = GSON.fromJson(text, MAP_TYPE);
            if (map == null) {
                throw new IllegalArgumentException("empty JSON text");
            }
            return map;
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
    }
}
