package dev.moduleagent.localhub.internal.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * Strict JSON parsing with a size and nesting bound, because every network input must be bounded and Gson 2.11 has
 * no nesting limit of its own (a deep document would otherwise cost a deep recursion).
 */
public final class BoundedJson {

    /** Nesting accepted by the parser; the twin rules (depth 10) are checked later with a precise message. */
    public static final int MAX_NESTING = 32;

    private BoundedJson() {
    }

    /** Parses UTF-8 bytes as one strict JSON value. */
    public static JsonElement parse(byte[] utf8, int maxBytes) throws JsonRejection {
        if (utf8.length > maxBytes) {
            throw new JsonRejection(true, "body of " + utf8.length + " bytes exceeds the limit of " + maxBytes);
        }
        return parse(new String(utf8, StandardCharsets.UTF_8));
    }

    /** Parses text as one strict JSON value (no comments, no trailing data, no unquoted names). */
    public static JsonElement parse(String text) throws JsonRejection {
        if (text.isBlank()) {
            throw new JsonRejection(false, "body is empty, expected JSON");
        }
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement value = read(reader, 0);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonRejection(false, "invalid JSON: unexpected data after the value");
            }
            return value;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new JsonRejection(false, "invalid JSON: " + firstLine(e.getMessage()));
        }
    }

    /** Parses and requires a JSON object. */
    public static JsonObject parseObject(String text) throws JsonRejection {
        JsonElement value = parse(text);
        if (!value.isJsonObject()) {
            throw new JsonRejection(false, "expected a JSON object");
        }
        return value.getAsJsonObject();
    }

    private static JsonElement read(JsonReader reader, int depth) throws IOException, JsonRejection {
        JsonToken token = reader.peek();
        switch (token) {
            case BEGIN_OBJECT:
                return readObject(reader, depth + 1);
            case BEGIN_ARRAY:
                return readArray(reader, depth + 1);
            case STRING:
                return new JsonPrimitive(reader.nextString());
            case NUMBER:
                return new JsonPrimitive(new LazilyParsedNumber(reader.nextString()));
            case BOOLEAN:
                return new JsonPrimitive(reader.nextBoolean());
            case NULL:
                reader.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw new JsonRejection(false, "invalid JSON: unexpected " + token);
        }
    }

    private static JsonObject readObject(JsonReader reader, int depth) throws IOException, JsonRejection {
        checkDepth(depth);
        JsonObject object = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            object.add(name, read(reader, depth));
        }
        reader.endObject();
        return object;
    }

    private static JsonArray readArray(JsonReader reader, int depth) throws IOException, JsonRejection {
        checkDepth(depth);
        JsonArray array = new JsonArray();
        reader.beginArray();
        while (reader.hasNext()) {
            array.add(read(reader, depth));
        }
        reader.endArray();
        return array;
    }

    private static void checkDepth(int depth) throws JsonRejection {
        if (depth > MAX_NESTING) {
            throw new JsonRejection(false, "JSON nesting deeper than " + MAX_NESTING + " levels");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
