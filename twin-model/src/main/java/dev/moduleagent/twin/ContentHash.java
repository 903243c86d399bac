package dev.moduleagent.twin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 of a twin section in a canonical form (object keys sorted), so that "unchanged" means the same content
 * whatever order the hub sent the keys in, also across agent restarts. Never refuses a value the hub may send: a
 * number beyond double range (read as an infinity) hashes as the bare token {@code Infinity}, unlike any string.
 */
public final class ContentHash {

    private ContentHash() {
    }

    /**
     * @param value plain twin values
     * @return lower-case hex SHA-256 of the canonical JSON
     */
    public static String of(Object value) {
        byte[] canonical = Json.describe(canonical(value)).getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(canonical(v)));
            return copy;
        }
        if (value instanceof Number n && !(value instanceof Long) && !(value instanceof Double)) {
            return n instanceof Integer || n instanceof Short || n instanceof Byte ? (Object) n.longValue() : n;
        }
        return value;
    }
}
