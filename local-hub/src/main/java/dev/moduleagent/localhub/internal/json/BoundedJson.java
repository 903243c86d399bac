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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict JSON parsing with a size and nesting bound, because every network input must be bounded and Gson 2.11 has
 * no nesting limit of its own (a deep document would otherwise cost a deep recursion). Input that Gson would silently
 * rewrite is refused instead: invalid UTF-8, duplicate keys (Gson keeps the last), lone surrogates.
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
        return parse(decode(utf8));
    }

    /** Strict UTF-8: a malformed sequence (or an encoded surrogate) is refused, never replaced with U+FFFD. */
    private static String decode(byte[] utf8) throws JsonRejection {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new JsonRejection(false, "the body is not valid UTF-8 (at byte " + in.position() + ")");
        }
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
                return new JsonPrimitive(checkSurrogates(reader.nextString()));
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
            String name = checkSurrogates(reader.nextName());
            if (object.has(name)) {
                throw new JsonRejection(false, "invalid JSON: duplicate key '" + shortened(name) + "'");
            }
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

    /** A {@code \\ud800} escape without its pair is not text: refused rather than stored and re-encoded as '?'. */
    private static String checkSurrogates(String text) throws JsonRejection {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                throw new JsonRejection(false, "invalid JSON: a lone surrogate \\u" + Integer.toHexString(ch)
                    + " in '" + shortened(text.substring(0, i)) + "…' (escape a whole pair or use UTF-8)");
            }
        }
        return text;
    }

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
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
