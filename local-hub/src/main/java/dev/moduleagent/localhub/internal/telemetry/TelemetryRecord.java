package dev.moduleagent.localhub.internal.telemetry;

import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** One telemetry message as the hub recorded it: its properties and the first bytes of its body. */
public record TelemetryRecord(long sequenceNumber, IdentityKey source, Instant enqueuedTime, Map<String, String> properties,
                              Map<String, String> systemProperties, byte[] bodyPreview, int size) {

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("sequenceNumber", sequenceNumber);
        json.addProperty("deviceId", source.deviceId());
        if (source.isModule()) {
            json.addProperty("moduleId", source.moduleId());
        }
        json.addProperty("enqueuedTime", enqueuedTime.toString());
        json.add("properties", toJson(properties));
        json.add("systemProperties", toJson(systemProperties));
        String text = utf8(bodyPreview);
        json.addProperty("bodyEncoding", text == null ? "base64" : "utf-8");
        json.addProperty("body", text == null ? Base64.getEncoder().encodeToString(bodyPreview) : text);
        json.addProperty("size", size);
        json.addProperty("truncated", bodyPreview.length < size);
        return json;
    }

    private static JsonObject toJson(Map<String, String> map) {
        JsonObject json = new JsonObject();
        map.forEach(json::addProperty);
        return json;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
