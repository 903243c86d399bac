package dev.moduleagent.twin;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain twin values (maps, lists, strings, numbers, booleans, nulls): deep copies, frozen copies, and the conversion
 * of what the plug-in API accepts (also enums, characters, records, arrays and other collections) into them.
 */
public final class TwinValues {

    private TwinValues() {
    }

    /**
     * @param value plain values
     * @return a deep, mutable copy ({@link LinkedHashMap}, {@link ArrayList}); other values are shared (immutable)
     */
    public static Object copy(Object value) {
        return walk(value, false);
    }

    /**
     * @param map plain values of one object
     * @return a deep, mutable copy, keys as text
     */
    public static Map<String, Object> copy(Map<?, ?> map) {
        return cast((Map<?, ?>) walk(map, false));
    }

    /**
     * @param value plain values
     * @return a deep, unmodifiable copy, safe to hand to code that may keep it
     */
    public static Object frozen(Object value) {
        return walk(value, true);
    }

    /**
     * @param map plain values of one object
     * @return a deep, unmodifiable copy, keys as text
     */
    public static Map<String, Object> frozen(Map<?, ?> map) {
        return cast((Map<?, ?>) walk(map, true));
    }

    private static Object walk(Object value, boolean frozen) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), walk(v, frozen)));
            return frozen ? Collections.unmodifiableMap(result) : result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            list.forEach(v -> result.add(walk(v, frozen)));
            return frozen ? Collections.unmodifiableList(result) : result;
        }
        return value;
    }

    /**
     * @param map a map known to hold plain values under text keys
     * @return the same map, typed
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /**
     * Converts what a plug-in reports into fresh plain values: integral numbers become {@code Long}, other boxed
     * numbers {@code Double} (BigInteger and BigDecimal stay), enums their name, characters a string, records an
     * object of their components, arrays and collections lists. Nesting is bounded by
     * {@link TwinLimits#MAX_DEPTH}, so a map that contains itself is refused rather than followed.
     *
     * @param properties the properties of one object
     * @param path where the object sits, for messages (for example {@code firmware})
     * @param depth the object's level (a component's section is 1)
     * @return a fresh copy of plain values; {@link TwinRules} are not checked beyond depth
     * @throws TwinRuleException naming the path of a value that cannot be converted
     */
    public static Map<String, Object> fromJava(Map<?, ?> properties, String path, int depth) {
        TwinRules.checkDepth(depth, path);
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : properties.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new TwinRuleException("non-text property name " + entry.getKey() + " at " + path);
            }
            copy.put(key, fromJava(entry.getValue(), path + "." + key, depth));
        }
        return copy;
    }

    /**
     * {@link #fromJava(Map, String, int)}, then {@link TwinRules#check}: what the agent does with every report.
     *
     * @param properties the properties of one object
     * @param path where the object sits, for messages
     * @param depth the object's level (a component's section is 1)
     * @return a fresh copy of plain values that IoT Hub accepts
     * @throws TwinRuleException naming the path of the first value that breaks a rule
     */
    public static Map<String, Object> checkedCopy(Map<?, ?> properties, String path, int depth) {
        Map<String, Object> copy = fromJava(properties, path, depth);
        TwinRules.check(JsonTree.PLAIN, copy, path, depth);
        return copy;
    }

    private static Object fromJava(Object value, String path, int parentDepth) {
        if (value == null || value instanceof Boolean || value instanceof String || value instanceof BigInteger
                || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Character || value instanceof Enum<?>) {
            return value instanceof Enum<?> e ? e.name() : value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            return fromJava(map, path, parentDepth + 1);
        }
        if (value instanceof Collection<?> collection) {
            return list(new ArrayList<>(collection), path, parentDepth + 1);
        }
        if (value.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
            return list(items, path, parentDepth + 1);
        }
        if (value instanceof Record record) {
            return fromJava(recordAsMap(record, path), path, parentDepth + 1);
        }
        throw new TwinRuleException("value at " + path + " has type " + value.getClass().getName()
                + ", which is not a twin value (use maps, lists, strings, numbers, booleans, records)");
    }

    private static List<Object> list(List<?> items, String path, int depth) {
        TwinRules.checkDepth(depth, path);
        List<Object> copy = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            copy.add(fromJava(items.get(i), path + "[" + i + "]", depth));
        }
        return copy;
    }

    private static Map<String, Object> recordAsMap(Record record, String path) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                map.put(component.getName(), component.getAccessor().invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new TwinRuleException("record at " + path + " (" + record.getClass().getName()
                        + ") cannot be read: make it public");
            }
        }
        return map;
    }
}
