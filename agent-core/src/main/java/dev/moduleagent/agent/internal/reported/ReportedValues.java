package dev.moduleagent.agent.internal.reported;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a plug-in reports (maps, lists, strings, numbers, booleans, enums, records, nulls) into the agent's
 * own plain values, checking IoT Hub's rules on the way; the copy also protects the outbox from later changes to
 * the caller's maps.
 */
public final class ReportedValues {

    private ReportedValues() {
    }

    /**
     * @param properties the properties of one object
     * @param path where the object sits, for messages (for example {@code firmware})
     * @param depth the object's level (a component's section is 1)
     * @return a fresh, checked copy
     * @throws IllegalArgumentException naming the path of the first value that breaks a rule
     */
    public static Map<String, Object> object(Map<?, ?> properties, String path, int depth) {
        TwinRules.checkDepth(depth, path);
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : properties.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("non-text property name " + entry.getKey() + " at " + path);
            }
            String child = path + "." + key;
            TwinRules.checkKey(key, child);
            copy.put(key, value(entry.getValue(), child, depth));
        }
        return copy;
    }

    private static Object value(Object value, String path, int parentDepth) {
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof String text) {
            TwinRules.checkString(text, path);
            return text;
        }
        if (value instanceof Number number) {
            return number(number, path);
        }
        if (value instanceof Character || value instanceof Enum<?>) {
            return value instanceof Enum<?> e ? e.name() : value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            return object(map, path, parentDepth + 1);
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
            return object(recordAsMap(record, path), path, parentDepth + 1);
        }
        throw new IllegalArgumentException("value at " + path + " has type " + value.getClass().getName()
                + ", which is not a twin value (use maps, lists, strings, numbers, booleans, records)");
    }

    private static List<Object> list(List<?> items, String path, int depth) {
        TwinRules.checkDepth(depth, path);
        List<Object> copy = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            copy.add(value(items.get(i), path + "[" + i + "]", depth));
        }
        return copy;
    }

    private static Object number(Number number, String path) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            return number.longValue();
        }
        if (number instanceof BigInteger || number instanceof BigDecimal) {
            return number;
        }
        double d = number.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("number at " + path + " is " + d + ", which JSON cannot carry");
        }
        return d;
    }

    private static Map<String, Object> recordAsMap(Record record, String path) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                map.put(component.getName(), component.getAccessor().invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalArgumentException("record at " + path + " (" + record.getClass().getName()
                        + ") cannot be read: make it public", e);
            }
        }
        return map;
    }
}
