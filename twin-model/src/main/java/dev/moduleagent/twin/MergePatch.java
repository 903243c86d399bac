package dev.moduleagent.twin;

import java.util.Map;

/**
 * JSON merge patch (RFC 7386) as IoT Hub applies twin patches: {@code null} deletes, an object merges into an object
 * (into an empty one where the target held something else), anything else (arrays included) replaces; values are
 * copied, never shared with the patch. Also the composition of two patches into one, which the agent uses to
 * coalesce reports.
 */
public final class MergePatch {

    /**
     * What a merge did, member by member, for a caller that keeps a tree beside the document (local-hub's
     * {@code $metadata}). Calls arrive in document order; {@link #entered}/{@link #left} pairs nest.
     *
     * @param <V> the representation's value type
     */
    public interface Listener<V> {
        /** @param key a member the patch deleted (it may not have existed) */
        default void removed(String key) {
        }

        /**
         * @param key a member the patch set to a value that is not an object
         * @param value the copy now in the document
         */
        default void replaced(String key, V value) {
        }

        /**
         * @param key a member whose object the patch merges into next
         * @param created whether the object is new (the member was missing or not an object)
         */
        default void entered(String key, boolean created) {
        }

        /** @param key the member whose object the patch finished merging into */
        default void left(String key) {
        }
    }

    private MergePatch() {
    }

    /**
     * @param tree the representation
     * @param target a mutable object, changed
     * @param patch an object, not changed
     * @param listener told of every change, or {@code null}
     * @param <V> the representation's value type
     */
    public static <V> void apply(JsonTree<V> tree, V target, V patch, Listener<V> listener) {
        Listener<V> told = listener != null ? listener : new Listener<>() { };
        for (Map.Entry<String, V> member : tree.members(patch)) {
            String key = member.getKey();
            V value = member.getValue();
            JsonTree.Kind kind = tree.kind(value);
            if (kind == JsonTree.Kind.NULL) {
                tree.remove(target, key);
                told.removed(key);
            } else if (kind == JsonTree.Kind.OBJECT) {
                V existing = tree.get(target, key);
                boolean created = tree.kind(existing) != JsonTree.Kind.OBJECT;
                V child = created ? tree.newObject() : existing;
                tree.put(target, key, child);
                told.entered(key, created);
                apply(tree, child, value, told);
                told.left(key);
            } else {
                V copy = tree.copy(value);
                tree.put(target, key, copy);
                told.replaced(key, copy);
            }
        }
    }

    /**
     * Applies a patch of plain values in place.
     *
     * @param document mutable plain values, changed (nested objects must be mutable too)
     * @param patch plain values, not changed
     */
    public static void apply(Map<String, Object> document, Map<String, ?> patch) {
        apply(JsonTree.PLAIN, document, patch, null);
    }

    /**
     * @param first the earlier patch
     * @param second the later patch
     * @return whether {@link #compose} gives exactly the effect of applying both in order: not when the first sets a
     *     key to {@code null} or a non-object and the second merges an object into it, since one merge patch cannot
     *     say "replace this object"
     */
    public static boolean composable(Map<String, ?> first, Map<String, ?> second) {
        for (Map.Entry<String, ?> entry : second.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> next && first.containsKey(entry.getKey())) {
                if (!(first.get(entry.getKey()) instanceof Map<?, ?> earlier)
                        || !composable(TwinValues.cast(earlier), TwinValues.cast(next))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Merges {@code second} into {@code first} in place, so that {@code first} alone has the effect of both. Call
     * only when {@link #composable} holds.
     *
     * @param first the earlier patch, changed (nested objects must be mutable)
     * @param second the later patch, not changed
     */
    public static void compose(Map<String, Object> first, Map<String, ?> second) {
        for (Map.Entry<String, ?> entry : second.entrySet()) {
            Object earlier = first.get(entry.getKey());
            if (entry.getValue() instanceof Map<?, ?> next && earlier instanceof Map<?, ?> previous) {
                compose(TwinValues.cast(previous), TwinValues.cast(next));
            } else {
                first.put(entry.getKey(), TwinValues.copy(entry.getValue()));
            }
        }
    }
}
