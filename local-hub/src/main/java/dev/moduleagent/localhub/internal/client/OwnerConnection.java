package dev.moduleagent.localhub.internal.client;

import java.util.HashMap;
import java.util.Map;

/** The parts of an owner connection string {@code HostName=…;SharedAccessKeyName=…;SharedAccessKey=…}. */
public record OwnerConnection(String hostName, String keyName, String key) {

    @Override
    public String toString() {
        return "OwnerConnection[hostName=" + hostName + ", keyName=" + keyName + "]";
    }

    /** @throws IllegalArgumentException naming the missing part (never echoing the key) */
    public static OwnerConnection parse(String connectionString) {
        if (connectionString == null || connectionString.isBlank()) {
            throw new IllegalArgumentException("the owner connection string is empty");
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : connectionString.trim().split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        String host = parts.get("HostName");
        String keyName = parts.get("SharedAccessKeyName");
        String key = parts.get("SharedAccessKey");
        if (host == null || keyName == null || key == null) {
            throw new IllegalArgumentException("the owner connection string needs HostName, SharedAccessKeyName and SharedAccessKey");
        }
        return new OwnerConnection(host, keyName, key);
    }
}
