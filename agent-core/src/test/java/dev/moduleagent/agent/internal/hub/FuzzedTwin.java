package dev.moduleagent.agent.internal.hub;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.google.gson.Gson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds desired documents from fuzzer input, with the edge cases of IoT Hub's twin rules, and writes them as JSON. */
final class FuzzedTwin {

    private static final Gson GSON = new Gson();
    private static final int MAX_DEPTH = 13;
    private static final String[] KEYS = {"version", "a", "b", "x.y", "$k", "sp ace", "", "__t", "tab\tkey", "é"};

    private FuzzedTwin() {
    }

    /** A raw JSON number token, kept as written (like {@code 1e999999}). */
    record RawNumber(String token) {
    }

    static Map<String, Object> document(FuzzedDataProvider data) {
        Map<String, Object> desired = new LinkedHashMap<>();
        int sections = data.consumeInt(0, 4);
        for (int i = 0; i < sections; i++) {
            desired.put(data.consumeBoolean() ? "c" + i : key(data), object(data, 1));
        }
        if (data.consumeBoolean()) {
            desired.put("plain" + sections, value(data, 1));
        }
        return desired;
    }

    /** @return a patch touching the first property of every section (new value, or deleted) */
    static Map<String, Object> patchOf(Map<String, Object> desired) {
        Map<String, Object> patch = new LinkedHashMap<>();
        desired.forEach((key, value) -> {
            if (value instanceof Map<?, ?> section && !section.isEmpty()) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put(String.valueOf(section.keySet().iterator().next()), section.size() % 2 == 0 ? null : 1L);
                patch.put(key, change);
            }
        });
        return patch;
    }

    /** @return the document as plain Java values: raw number tokens become {@link BigDecimal}s */
    @SuppressWarnings("unchecked")
    static Map<String, Object> plain(Map<String, Object> document) {
        return (Map<String, Object>) plainValue(document);
    }

    private static Object plainValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plainValue(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(plainValue(v)));
            return copy;
        }
        return value instanceof RawNumber raw ? new BigDecimal(raw.token()) : value;
    }

    static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static Map<String, Object> object(FuzzedDataProvider data, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        int size = depth >= MAX_DEPTH ? 0 : data.consumeInt(0, 4);
        for (int i = 0; i < size; i++) {
            object.put(key(data), value(data, depth));
        }
        return object;
    }

    private static Object value(FuzzedDataProvider data, int depth) {
        switch (data.consumeInt(0, 10)) {
            case 0: return data.consumeLong();
            case 1: return data.consumeDouble();
            case 2: return new RawNumber(number(data));
            case 3: return data.consumeString(data.consumeInt(0, 5000));
            case 4: return data.consumeBoolean();
            case 5: return new BigInteger(1, data.consumeBytes(data.consumeInt(1, 40)));
            case 6: return object(data, depth + 1);
            case 7: return depth >= MAX_DEPTH ? List.of() : list(data, depth + 1);
            case 8: return data.pickValue(new Double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
            default: return data.consumeString(8);
        }
    }

    private static List<Object> list(FuzzedDataProvider data, int depth) {
        List<Object> list = new ArrayList<>();
        int size = data.consumeInt(0, 3);
        for (int i = 0; i < size; i++) {
            list.add(value(data, depth));
        }
        return list;
    }

    private static String key(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.pickValue(KEYS)
                : data.consumeBoolean() ? "k" + data.consumeInt(0, 99) : data.consumeString(data.consumeInt(0, 1100));
    }

    /** Valid JSON number tokens, up to far beyond double range. */
    private static String number(FuzzedDataProvider data) {
        String digits = data.consumeBoolean() ? "1" : new BigInteger(1, data.consumeBytes(30)).toString();
        return (data.consumeBoolean() ? "-" : "") + digits
                + (data.consumeBoolean() ? ".5" : "") + (data.consumeBoolean() ? "e" + data.consumeInt(-999999, 999999) : "");
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(separator).append(GSON.toJson(String.valueOf(entry.getKey()))).append(':');
                write(entry.getValue(), out);
                separator = ",";
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof RawNumber raw) {
            out.append(raw.token());
        } else if (value instanceof Double d && !Double.isFinite(d)) {
            out.append(d.isNaN() ? "1e999999" : d > 0 ? "1e999999" : "-1e999999");
        } else if (value instanceof String text) {
            out.append(GSON.toJson(text));
        } else {
            out.append(value instanceof BigDecimal || value instanceof BigInteger || value instanceof Number
                    || value instanceof Boolean ? String.valueOf(value) : "null");
        }
    }
}
