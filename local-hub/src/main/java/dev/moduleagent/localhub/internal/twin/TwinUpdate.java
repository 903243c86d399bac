package dev.moduleagent.localhub.internal.twin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.Refusal;

/** A service-side twin change: the {@code tags} and {@code properties.desired} of a PATCH or PUT body (each optional). */
public record TwinUpdate(JsonObject tags, JsonObject desired) {

    /** Reads the body of {@code PATCH/PUT /twins/{id}[/modules/{mid}]}. */
    public static TwinUpdate fromBody(JsonObject body) throws Refusal {
        JsonObject tags = optionalObject(body, "tags", "tags");
        JsonObject properties = optionalObject(body, "properties", "properties");
        JsonObject desired = null;
        if (properties != null) {
            if (properties.has("reported")) {
                throw Refusal.badRequest("properties.reported can only be changed by the device or module");
            }
            desired = optionalObject(properties, "desired", "properties.desired");
        }
        if (tags == null && desired == null) {
            throw Refusal.badRequest("the twin change has neither tags nor properties.desired");
        }
        return new TwinUpdate(tags, desired);
    }

    private static JsonObject optionalObject(JsonObject parent, String name, String path) throws Refusal {
        JsonElement value = parent.get(name);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonObject()) {
            throw Refusal.badRequest(path + " must be a JSON object");
        }
        JsonObject object = value.getAsJsonObject().deepCopy();
        object.remove("$metadata");
        object.remove("$version");
        return object;
    }
}
