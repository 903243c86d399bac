package dev.moduleagent.agent.internal.reported;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Composition of two JSON merge patches (RFC 7386, as IoT Hub applies reported patches) into one that has the same
 * effect, when that is possible: it is not when the first patch sets a key to {@code null} or to a non-object and
 * the second merges an object into it, because one merge patch cannot say "replace this object".
 */
final class MergePatch {

    private MergePatch() {
    }

    /**
     * @param first the earlier patch
     * @param second the later patch
     * @return whether {@link #compose} gives exactly the effect of applying both in order
     */
    static boolean composable(Map<String, Object> first, Map<String, Object> second) {
        for (Map.Entry<String, Object> entry : second.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> next && first.containsKey(entry.getKey())) {
                if (!(first.get(entry.getKey()) instanceof Map<?, ?> earlier) || !composable(cast(earlier), cast(next))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Merges {@code second} into {@code first} in place. Call only when {@link #composable} holds.
     *
     * @param first the earlier patch, changed
     * @param second the later patch, not changed
     */
    static void compose(Map<String, Object> first, Map<String, Object> second) {
        for (Map.Entry<String, Object> entry : second.entrySet()) {
            Object earlier = first.get(entry.getKey());
            if (entry.getValue() instanceof Map<?, ?> next && earlier instanceof Map<?, ?> previous) {
                compose(cast(previous), cast(next));
            } else {
                first.put(entry.getKey(), copy(entry.getValue()));
            }
        }
    }

    /**
     * Applies a merge patch to a document in place, as IoT Hub applies a reported patch: {@code null} deletes, objects
     * merge, anything else replaces.
     *
     * @param document the document, changed
     * @param patch the patch, not changed
     */
    static void apply(Map<String, Object> document, Map<String, Object> patch) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            Object value = entry.getValue();
            if (value == null) {
                document.remove(entry.getKey());
            } else if (value instanceof Map<?, ?> next) {
                Map<String, Object> target = document.get(entry.getKey()) instanceof Map<?, ?> existing
                        ? cast(existing) : new LinkedHashMap<>();
                apply(target, cast(next));
                document.put(entry.getKey(), target);
            } else {
                document.put(entry.getKey(), copy(value));
            }
        }
    }

    /**
     * @param value plain twin values
     * @return a deep, mutable copy
     */
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put((String) k, copy(v)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            list.forEach(v -> result.add(copy(v)));
            return result;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
