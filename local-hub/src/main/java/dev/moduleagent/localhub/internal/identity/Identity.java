package dev.moduleagent.localhub.internal.identity;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.moduleagent.localhub.internal.Refusal;
import java.time.Instant;

/** A registered device or module identity, as stored and as shown by the service API. */
public record Identity(IdentityKey key, Authentication authentication, IdentityStatus status, String generationId,
                       String etag, Instant created) {

    /** The stored form (keys included). */
    public String toStoredJson() {
        JsonObject json = new JsonObject();
        json.addProperty("deviceId", key.deviceId());
        json.addProperty("moduleId", key.storedModuleId());
        json.add("authentication", authentication.toJson(true));
        status.addTo(json);
        json.addProperty("generationId", generationId);
        json.addProperty("etag", etag);
        json.addProperty("created", created.toString());
        return json.toString();
    }

    /** Reads the stored form (identities stored before statuses existed are enabled). */
    public static Identity fromStoredJson(String text) throws Refusal {
        JsonObject json = JsonParser.parseString(text).getAsJsonObject();
        IdentityKey key = new IdentityKey(json.get("deviceId").getAsString(), json.get("moduleId").getAsString());
        Instant created = Instant.parse(json.get("created").getAsString());
        return new Identity(key, Authentication.fromJson(json.get("authentication")), IdentityStatus.fromStored(json, created),
            json.get("generationId").getAsString(), json.get("etag").getAsString(), created);
    }

    /** IoT Hub's Device or Module shape (without connection state, which the caller adds). */
    public JsonObject toServiceJson() {
        JsonObject json = new JsonObject();
        if (key.isModule()) {
            json.addProperty("moduleId", key.moduleId());
            json.addProperty("managedBy", (String) null);
        }
        json.addProperty("deviceId", key.deviceId());
        json.addProperty("generationId", generationId);
        json.addProperty("etag", etag);
        if (!key.isModule()) {
            status.addTo(json);
            JsonObject capabilities = new JsonObject();
            capabilities.addProperty("iotEdge", false);
            json.add("capabilities", capabilities);
        }
        json.addProperty("cloudToDeviceMessageCount", 0);
        json.add("authentication", authentication.toJson(true));
        return json;
    }
}
