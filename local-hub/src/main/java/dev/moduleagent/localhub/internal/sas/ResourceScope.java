package dev.moduleagent.localhub.internal.sas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A SAS token's {@code sr}: the hub's host name followed by path segments. IoT Hub's rule: the resource URI is a prefix
 * <em>by segment</em> of the endpoints the token may reach ({@code host/a/b} covers {@code host/a/b/c}, not
 * {@code host/a/bc}); the host is compared without case, the segments exactly (device and module ids are
 * case-sensitive). Empty segments (a trailing slash) are ignored.
 */
public record ResourceScope(String host, List<String> segments) {

    public ResourceScope {
        segments = List.copyOf(segments);
    }

    /** Splits a decoded {@code sr}; the host is its first segment. */
    public static ResourceScope parse(String resource) {
        List<String> parts = new ArrayList<>();
        for (String part : resource.split("/", -1)) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        String host = parts.isEmpty() ? "" : parts.remove(0);
        return new ResourceScope(host, parts);
    }

    /** The resource of an identity: {@code host/devices/<d>[/modules/<m>]}. */
    public static List<String> identity(String deviceId, String moduleId) {
        return moduleId == null ? List.of("devices", deviceId) : List.of("devices", deviceId, "modules", moduleId);
    }

    public boolean isForHost(String hubHost) {
        return host.toLowerCase(Locale.ROOT).equals(hubHost.toLowerCase(Locale.ROOT));
    }

    /** Whether this scope is a by-segment prefix of the resource (segments below the host). */
    public boolean covers(List<String> resource) {
        return segments.size() <= resource.size() && resource.subList(0, segments.size()).equals(segments);
    }

    @Override
    public String toString() {
        return segments.isEmpty() ? host : host + "/" + String.join("/", segments);
    }
}
