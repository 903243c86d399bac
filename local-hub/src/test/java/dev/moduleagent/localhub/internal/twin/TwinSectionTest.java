package dev.moduleagent.localhub.internal.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TwinSectionTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456789Z");
    private static final Instant T1 = Instant.parse("2026-01-02T03:04:06Z");

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void mergePatchMergesObjectsReplacesValuesAndDeletesNulls() {
        TwinSection section = TwinSection.empty(T0, true).merge(json("{\"a\":1,\"o\":{\"x\":1,\"y\":2},\"arr\":[1,2]}"), T0);
        TwinSection next = section.merge(json("{\"a\":null,\"o\":{\"y\":null,\"z\":3},\"arr\":[3]}"), T1);
        assertEquals(json("{\"o\":{\"x\":1,\"z\":3},\"arr\":[3]}"), next.properties());
        assertEquals(3, next.version());
    }

    @Test
    void metadataTracksLastUpdatedPerPropertyInIotHubFormat() {
        TwinSection section = TwinSection.empty(T0, true).merge(json("{\"o\":{\"x\":1}}"), T0).merge(json("{\"o\":{\"y\":2}}"), T1);
        JsonObject metadata = section.toJson().getAsJsonObject("$metadata");
        assertEquals("2026-01-02T03:04:06.0000000Z", metadata.get("$lastUpdated").getAsString());
        assertEquals("2026-01-02T03:04:05.1234567Z", metadata.getAsJsonObject("o").getAsJsonObject("x").get("$lastUpdated").getAsString());
        assertEquals(3, metadata.getAsJsonObject("o").getAsJsonObject("y").get("$lastUpdatedVersion").getAsInt());
    }

    @Test
    void reportedMetadataHasNoLastUpdatedVersion() {
        TwinSection reported = TwinSection.empty(T0, false).merge(json("{\"r\":1}"), T1);
        assertFalse(reported.toJson().getAsJsonObject("$metadata").has("$lastUpdatedVersion"));
    }

    @Test
    void replaceDropsOldPropertiesAndNulls() {
        TwinSection section = TwinSection.empty(T0, true).merge(json("{\"old\":1}"), T0).replace(json("{\"new\":2,\"gone\":null}"), T1);
        assertEquals(json("{\"new\":2}"), section.properties());
        assertFalse(section.toJson().getAsJsonObject("$metadata").has("old"));
    }

    @Test
    void wireFormCarriesVersionAndMetadataAndSurvivesStorage() {
        TwinDocument twin = TwinDocument.create(T0).withReported(TwinSection.empty(T0, false).merge(json("{\"r\":true}"), T1));
        TwinDocument stored = TwinDocument.fromStoredJson(twin.toStoredJson(), twin.toStoredReportedJson());
        JsonObject device = stored.toDeviceJson();
        assertEquals(1, device.getAsJsonObject("desired").get("$version").getAsInt());
        assertEquals(2, device.getAsJsonObject("reported").get("$version").getAsInt());
        assertTrue(device.getAsJsonObject("reported").get("r").getAsBoolean());
        assertEquals(twin.etag(), stored.etag());
    }

    @Test
    void twinGetBodyIsSerializedOncePerTwinVersion() {
        TwinDocument twin = TwinDocument.create(T0).withReported(TwinSection.empty(T0, false).merge(json("{\"r\":1}"), T1));
        byte[] body = twin.toDeviceBytes();
        assertEquals(twin.toDeviceJson(), JsonParser.parseString(new String(body, StandardCharsets.UTF_8)));
        assertTrue(body == twin.toDeviceBytes(), "the second GET reuses the serialized body");
        TwinDocument changed = twin.withReported(twin.reported().merge(json("{\"r\":2}"), T1));
        assertEquals(2, JsonParser.parseString(new String(changed.toDeviceBytes(), StandardCharsets.UTF_8))
            .getAsJsonObject().getAsJsonObject("reported").get("r").getAsInt());
    }
}
