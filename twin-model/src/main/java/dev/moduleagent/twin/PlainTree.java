package dev.moduleagent.twin;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link JsonTree} over the plug-in API's plain Java values; objects are created as {@link LinkedHashMap}. */
final class PlainTree implements JsonTree<Object> {

    @Override
    public Kind kind(Object value) {
        if (value == null) {
            return Kind.NULL;
        }
        if (value instanceof Map<?, ?>) {
            return Kind.OBJECT;
        }
        if (value instanceof List<?>) {
            return Kind.ARRAY;
        }
        if (value instanceof String) {
            return Kind.STRING;
        }
        if (value instanceof Number) {
            return Kind.NUMBER;
        }
        return value instanceof Boolean ? Kind.BOOLEAN : Kind.OTHER;
    }

    @Override
    public Iterable<Map.Entry<String, Object>> members(Object object) {
        Map<?, ?> map = (Map<?, ?>) object;
        List<Map.Entry<String, Object>> members = new ArrayList<>(map.size());
        map.forEach((k, v) -> members.add(new AbstractMap.SimpleImmutableEntry<>(String.valueOf(k), v)));
        return members;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterable<Object> items(Object array) {
        return (List<Object>) array;
    }

    @Override
    public String text(Object value) {
        return (String) value;
    }

    @Override
    public Number number(Object value) {
        return (Number) value;
    }

    @Override
    public Object get(Object object, String key) {
        return ((Map<?, ?>) object).get(key);
    }

    @Override
    public void put(Object object, String key, Object value) {
        TwinValues.cast((Map<?, ?>) object).put(key, value);
    }

    @Override
    public void remove(Object object, String key) {
        ((Map<?, ?>) object).remove(key);
    }

    @Override
    public Object newObject() {
        return new LinkedHashMap<String, Object>();
    }

    @Override
    public Object copy(Object value) {
        return TwinValues.copy(value);
    }
}
