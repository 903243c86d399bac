package dev.moduleagent.agent.internal.hub;

import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between the SDK's {@link TwinCollection} and the agent's plain values, so that no SDK type travels past
 * the hub package (numbers stay {@code Long}/{@code Double}, nested collections become maps). Lists go to the SDK
 * as they are: it serialises them with Gson, nulls included.
 */
final class TwinValues {

    private TwinValues() {
    }

    static Map<String, Object> plain(Map<?, ?> collection) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (collection != null) {
            collection.forEach((key, value) -> result.put(String.valueOf(key), plainValue(value)));
        }
        return result;
    }

    static long version(TwinCollection collection) {
        Integer version = collection == null ? null : collection.getVersion();
        return version == null ? -1 : version;
    }

    static TwinCollection collection(Map<String, Object> patch) {
        TwinCollection collection = new TwinCollection();
        patch.forEach((key, value) -> collection.put(key, sdkValue(value)));
        return collection;
    }

    private static Object plainValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return plain(map);
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            list.forEach(item -> result.add(plainValue(item)));
            return result;
        }
        return value;
    }

    private static Object sdkValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            TwinCollection nested = new TwinCollection();
            map.forEach((key, item) -> nested.put(String.valueOf(key), sdkValue(item)));
            return nested;
        }
        return value;
    }
}
