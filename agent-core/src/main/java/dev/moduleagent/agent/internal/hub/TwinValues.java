package dev.moduleagent.agent.internal.hub;

import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import java.util.LinkedHashMap;
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
        return collection == null ? new LinkedHashMap<>() : dev.moduleagent.twin.TwinValues.copy(collection);
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

    private static Object sdkValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            TwinCollection nested = new TwinCollection();
            map.forEach((key, item) -> nested.put(String.valueOf(key), sdkValue(item)));
            return nested;
        }
        return value;
    }
}
