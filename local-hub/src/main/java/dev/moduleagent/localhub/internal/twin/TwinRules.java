package dev.moduleagent.localhub.internal.twin;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * IoT Hub's twin document limits: tags at most 8 KB, desired and reported at most 32 KB each (counted as IoT Hub
 * counts them, see {@link TwinSize}), objects nested at most 10
 * levels below the section, keys of at most 1 KB without '.', '$', space or control characters, strings of at
 * most 4 KB, integers within -2^52..2^52-1 and other numbers finite doubles. A violating patch is refused with a
 * reason and never stored.
 */
public final class TwinRules {

    public static final int MAX_SECTION_BYTES = 32 * 1024;
    public static final int MAX_TAGS_BYTES = 8 * 1024;
    public static final int MAX_DEPTH = 10;
    public static final int MAX_KEY_BYTES = 1024;
    public static final int MAX_STRING_BYTES = 4 * 1024;
    /** IoT Hub's documented integer bounds for twin values (-2^52 .. 2^52-1). */
    public static final long MIN_INTEGER = -4503599627370496L;
    public static final long MAX_INTEGER = 4503599627370495L;
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

    private TwinRules() {
    }

    /** Checks the keys, strings and nesting of a patch or replacement for the named section. */
    public static void checkPatch(String section, JsonObject patch) throws Refusal {
        checkObject(section, patch, 0);
    }

    /** Checks the size of a section (IoT Hub's count: keys and values, see {@link TwinSize}) after a patch was merged. */
    public static void checkSize(String section, JsonObject merged) throws Refusal {
        long bytes = TwinSize.of(merged);
        int limit = section.equals("tags") ? MAX_TAGS_BYTES : MAX_SECTION_BYTES;
        if (bytes > limit) {
            throw Refusal.tooLarge(section + " would be " + bytes + " bytes as IoT Hub counts them, the limit is " + limit);
        }
    }

    private static void checkObject(String path, JsonObject object, int depth) throws Refusal {
        if (depth > MAX_DEPTH) {
            throw Refusal.badRequest(path + " is nested deeper than " + MAX_DEPTH + " levels");
        }
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            String child = path + "." + entry.getKey();
            checkKey(path, entry.getKey());
            checkValue(child, entry.getValue(), depth + 1);
        }
    }

    private static void checkValue(String path, JsonElement value, int depth) throws Refusal {
        if (value.isJsonObject()) {
            checkObject(path, value.getAsJsonObject(), depth);
        } else if (value.isJsonArray()) {
            checkArray(path, value.getAsJsonArray(), depth);
        } else if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            int bytes = value.getAsString().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_STRING_BYTES) {
                throw Refusal.badRequest(path + " is a string of " + bytes + " bytes, the limit is " + MAX_STRING_BYTES);
            }
        } else if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            checkNumber(path, value.getAsJsonPrimitive().getAsNumber().toString());
        }
    }

    /**
     * IoT Hub stores numbers as 8-byte values: integers within {@value #MIN_INTEGER}..{@value #MAX_INTEGER} (its
     * documented bounds, 400 beyond), other numbers as finite doubles ({@code 1e999999} would become Infinity).
     */
    private static void checkNumber(String path, String literal) throws Refusal {
        if (INTEGER.matcher(literal).matches()) {
            String digits = literal.startsWith("-") ? literal.substring(1) : literal;
            if (digits.length() <= 16) {
                long number = Long.parseLong(literal);
                if (number >= MIN_INTEGER && number <= MAX_INTEGER) {
                    return;
                }
            }
            throw Refusal.badRequest(path + " is the integer " + shortened(literal) + ", outside IoT Hub's range "
                + MIN_INTEGER + ".." + MAX_INTEGER);
        }
        double number;
        try {
            number = Double.parseDouble(literal);
        } catch (NumberFormatException e) {
            throw Refusal.badRequest(path + " is not a number: " + shortened(literal));
        }
        if (!Double.isFinite(number)) {
            throw Refusal.badRequest(path + " is the number " + shortened(literal)
                + ", beyond the range of an 8-byte floating-point value (at most about 1.8e308)");
        }
    }

    private static String shortened(String literal) {
        return literal.length() <= 40 ? literal : literal.substring(0, 40) + "… (" + literal.length() + " characters)";
    }

    private static void checkArray(String path, JsonArray array, int depth) throws Refusal {
        if (depth > MAX_DEPTH) {
            throw Refusal.badRequest(path + " is nested deeper than " + MAX_DEPTH + " levels");
        }
        for (JsonElement element : array) {
            if (element.isJsonObject() || element.isJsonArray()) {
                checkValue(path + "[]", element, depth + 1);
            } else {
                checkValue(path + "[]", element, depth);
            }
        }
    }

    private static void checkKey(String path, String key) throws Refusal {
        if (key.isEmpty()) {
            throw Refusal.badRequest(path + " has an empty key");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw Refusal.badRequest(path + " has a key longer than " + MAX_KEY_BYTES + " bytes");
        }
        for (int i = 0; i < key.length(); i++) {
            char ch = key.charAt(i);
            if (ch == '.' || ch == '$' || ch == ' ' || Character.isISOControl(ch)) {
                throw Refusal.badRequest("key '" + printable(key) + "' in " + path
                    + " contains '" + printable(String.valueOf(ch)) + "' (not allowed: '.', '$', space, control characters)");
            }
        }
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(64).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
