package dev.moduleagent.agent.internal.reported;

import java.nio.charset.StandardCharsets;

/**
 * IoT Hub's limits for reported properties, checked before anything is queued so that a plug-in gets an
 * {@link IllegalArgumentException} at the call instead of a patch the hub refuses later.
 */
public final class TwinRules {

    /** Largest reported patch sent in one PATCH, in UTF-8 bytes of its JSON. */
    public static final int MAX_PATCH_BYTES = 32 * 1024;
    /** Deepest nesting of objects and arrays; a component's section is level 1. */
    public static final int MAX_DEPTH = 10;
    /** Longest key in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;
    /** Longest string value in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = 4 * 1024;

    private TwinRules() {
    }

    /**
     * @param key a property or component name
     * @param path where it sits, for the message
     * @throws IllegalArgumentException when the key is empty, too long, or holds {@code .}, {@code $}, a space or
     *     a control character
     */
    public static void checkKey(String key, String path) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("empty property name at " + path);
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("property name longer than " + MAX_KEY_BYTES + " bytes at " + path);
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.' || c == '$' || c == ' ' || c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                throw new IllegalArgumentException("property name '" + printable(key) + "' at " + path
                        + " holds a forbidden character (IoT Hub forbids '.', '$', space and control characters)");
            }
        }
    }

    /**
     * @param depth the level of an object or array about to be entered
     * @param path where it sits, for the message
     * @throws IllegalArgumentException when the level is deeper than {@link #MAX_DEPTH}
     */
    public static void checkDepth(int depth, String path) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value at " + path + " is nested deeper than IoT Hub's "
                    + MAX_DEPTH + " levels");
        }
    }

    /**
     * @param value a string value
     * @param path where it sits, for the message
     * @throws IllegalArgumentException when the string is longer than {@link #MAX_STRING_BYTES}
     */
    public static void checkString(String value, String path) {
        if (value.length() > MAX_STRING_BYTES / 4 && value.getBytes(StandardCharsets.UTF_8).length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string at " + path + " is longer than IoT Hub's "
                    + MAX_STRING_BYTES + " bytes");
        }
    }

    private static String printable(String key) {
        StringBuilder out = new StringBuilder();
        key.codePoints().limit(64).forEach(cp -> out.append(Character.isISOControl(cp) ? '?' : Character.toChars(cp)[0]));
        return out.toString();
    }
}
