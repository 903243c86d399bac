package dev.moduleagent.localhub;

import com.google.gson.JsonObject;

/** Request bodies in IoT Hub's shapes. */
final class Bodies {

    private Bodies() {
    }

    static JsonObject thumbprintAuth(String primary, String secondary) {
        JsonObject thumbprints = new JsonObject();
        thumbprints.addProperty("primaryThumbprint", primary);
        thumbprints.addProperty("secondaryThumbprint", secondary);
        JsonObject auth = new JsonObject();
        auth.addProperty("type", "selfSigned");
        auth.add("x509Thumbprint", thumbprints);
        return auth;
    }

    static JsonObject caAuth() {
        JsonObject auth = new JsonObject();
        auth.addProperty("type", "certificateAuthority");
        return auth;
    }

    static JsonObject desired(JsonObject patch) {
        JsonObject properties = new JsonObject();
        properties.add("desired", patch);
        JsonObject body = new JsonObject();
        body.add("properties", properties);
        return body;
    }
}
