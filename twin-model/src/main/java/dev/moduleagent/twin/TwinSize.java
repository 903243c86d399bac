package dev.moduleagent.twin;

import com.google.gson.JsonElement;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The size of a twin section as IoT Hub counts it against its limits (not the length of the JSON text): the sum,
 * over every property, of its key's length and its value's length, where strings count their UTF-8 bytes without
 * Unicode control characters (C0 and C1), numbers 8 bytes, booleans 4 bytes, {@code null} nothing, and objects and
 * arrays the sum of what they contain.
 */
public final class TwinSize {

    /** What IoT Hub counts for any number. */
    public static final int NUMBER_BYTES = 8;
    /** What IoT Hub counts for a boolean. */
    public static final int BOOLEAN_BYTES = 4;

    private TwinSize() {
    }

    /**
     * @param tree the representation
     * @param value a section, or any value in one
     * @param <V> the representation's value type
     * @return its size in bytes as IoT Hub counts it
     */
    public static <V> long of(JsonTree<V> tree, V value) {
        return switch (tree.kind(value)) {
            case OBJECT -> {
                long size = 0;
                for (Map.Entry<String, V> member : tree.members(value)) {
                    size += text(member.getKey()) + of(tree, member.getValue());
                }
                yield size;
            }
            case ARRAY -> {
                long size = 0;
                for (V item : tree.items(value)) {
                    size += of(tree, item);
                }
                yield size;
            }
            case STRING -> text(tree.text(value));
            case NUMBER -> NUMBER_BYTES;
            case BOOLEAN -> BOOLEAN_BYTES;
            case NULL -> 0;
            case OTHER -> text(String.valueOf(value));
        };
    }

    /**
     * @param value a Gson section, or any value in one
     * @return its size in bytes as IoT Hub counts it
     */
    public static long of(JsonElement value) {
        return of(JsonTree.GSON, value);
    }

    /**
     * @param text a key or a string value
     * @return its UTF-8 bytes without C0 and C1 control characters
     */
    public static long text(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isISOControl(cp)) {
                bytes += cp < 0x80 || Character.isSurrogate((char) cp) ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            }
        }
        return bytes;
    }
}
