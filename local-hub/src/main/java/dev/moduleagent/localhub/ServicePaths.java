package dev.moduleagent.localhub;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Service API paths with each identity segment percent-encoded. */
final class ServicePaths {

    private ServicePaths() {
    }

    static String device(String deviceId) {
        return "/devices/" + encode(deviceId);
    }

    static String module(String deviceId, String moduleId) {
        return device(deviceId) + "/modules/" + encode(moduleId);
    }

    static String deviceTwin(String deviceId) {
        return "/twins/" + encode(deviceId);
    }

    static String moduleTwin(String deviceId, String moduleId) {
        return deviceTwin(deviceId) + "/modules/" + encode(moduleId);
    }

    static String certificate(String name) {
        return "/certificates/" + encode(name);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
