package dev.moduleagent.localhub.internal.mqtt;

import dev.moduleagent.localhub.internal.identity.IdentityKey;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** IoT Hub's device-facing MQTT topic names: parsing what clients publish, building what the hub sends. */
final class DeviceTopics {

    static final String TWIN_GET = "$iothub/twin/GET/";
    static final String REPORTED_PATCH = "$iothub/twin/PATCH/properties/reported/";
    static final String METHOD_RESPONSE = "$iothub/methods/res/";
    private static final int MAX_RID_LENGTH = 128;
    private static final int MAX_PROPERTIES = 64;

    private DeviceTopics() {
    }

    /** {@code devices/{d}/} or {@code devices/{d}/modules/{m}/}. */
    static String identityPrefix(IdentityKey identity) {
        return identity.isModule()
            ? "devices/" + identity.deviceId() + "/modules/" + identity.moduleId() + "/"
            : "devices/" + identity.deviceId() + "/";
    }

    static InboundTopic parse(String topic, IdentityKey identity) {
        if (topic.startsWith(TWIN_GET + "?")) {
            Map<String, String> query = query(topic.substring(TWIN_GET.length() + 1));
            return ridOf(query) == null ? badRid() : new InboundTopic.TwinGet(ridOf(query));
        }
        if (topic.startsWith(REPORTED_PATCH + "?")) {
            return reportedPatch(query(topic.substring(REPORTED_PATCH.length() + 1)));
        }
        if (topic.startsWith(METHOD_RESPONSE)) {
            return methodResponse(topic.substring(METHOD_RESPONSE.length()));
        }
        String events = identityPrefix(identity) + "messages/events";
        if (topic.equals(events) || topic.startsWith(events + "/")) {
            return telemetry(topic.substring(events.length()));
        }
        return new InboundTopic.Unsupported("topic is not one IoT Hub accepts from " + identity);
    }

    static String twinResponse(int status, String rid) {
        return "$iothub/twin/res/" + status + "/?$rid=" + rid;
    }

    static String reportedResponse(String rid, long version) {
        return "$iothub/twin/res/204/?$rid=" + rid + "&$version=" + version;
    }

    static String desiredPatch(long version) {
        return "$iothub/twin/PATCH/properties/desired/?$version=" + version;
    }

    static String methodRequest(String method, String rid) {
        return "$iothub/methods/POST/" + method + "/?$rid=" + rid;
    }

    private static InboundTopic reportedPatch(Map<String, String> query) {
        String rid = ridOf(query);
        if (rid == null) {
            return badRid();
        }
        String version = query.get("$version");
        try {
            return new InboundTopic.ReportedPatch(rid, version == null ? null : Long.valueOf(version));
        } catch (NumberFormatException e) {
            return new InboundTopic.Unsupported("$version is not a number");
        }
    }

    private static InboundTopic methodResponse(String rest) {
        int slash = rest.indexOf("/?");
        if (slash <= 0) {
            return new InboundTopic.Unsupported("method response topic without status and $rid");
        }
        String rid = ridOf(query(rest.substring(slash + 2)));
        try {
            int status = Integer.parseInt(rest.substring(0, slash));
            return rid == null ? badRid() : new InboundTopic.MethodResponse(status, rid);
        } catch (NumberFormatException e) {
            return new InboundTopic.Unsupported("method response status is not a number");
        }
    }

    private static InboundTopic telemetry(String rest) {
        String bag = rest.startsWith("/") ? rest.substring(1) : rest;
        if (bag.endsWith("/")) {
            bag = bag.substring(0, bag.length() - 1);
        }
        if (bag.indexOf('/') >= 0) {
            return new InboundTopic.Unsupported("telemetry topic has a malformed property bag");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, String> system = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> e : decodedPairs(bag).entrySet()) {
                (e.getKey().startsWith("$.") ? system : properties).put(e.getKey(), e.getValue());
            }
        } catch (IllegalArgumentException e) {
            return new InboundTopic.Unsupported("telemetry property bag is not URL-encoded");
        }
        if (properties.size() + system.size() > MAX_PROPERTIES) {
            return new InboundTopic.Unsupported("telemetry has more than " + MAX_PROPERTIES + " properties");
        }
        return new InboundTopic.Telemetry(properties, system);
    }

    private static Map<String, String> decodedPairs(String bag) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : bag.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return pairs;
    }

    /** The raw (not decoded) query fields: {@code $rid} must be echoed exactly. */
    private static Map<String, String> query(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return fields;
    }

    private static String ridOf(Map<String, String> query) {
        String rid = query.get("$rid");
        // echoed into the answer's topic name, which must not hold '/' here nor MQTT's wildcards or NUL (MQTT 3.1.1 4.7)
        if (rid == null || rid.isEmpty() || rid.length() > MAX_RID_LENGTH
            || rid.chars().anyMatch(c -> c == '/' || c == '+' || c == '#' || c == 0)) {
            return null;
        }
        return rid;
    }

    private static InboundTopic badRid() {
        return new InboundTopic.Unsupported("missing or invalid $rid (at most " + MAX_RID_LENGTH + " characters)");
    }
}
