package dev.moduleagent.localhub.internal.twin;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;

/** A device or module twin: tags, desired and reported sections, and the twin's own version (which gives its etag). */
public final class TwinDocument {

    private final JsonObject tags;
    private final TwinSection desired;
    private final TwinSection reported;
    private final long version;

    TwinDocument(JsonObject tags, TwinSection desired, TwinSection reported, long version) {
        this.tags = tags;
        this.desired = desired;
        this.reported = reported;
        this.version = version;
    }

    /** A new twin: empty sections at {@code $version} 1. */
    public static TwinDocument create(Instant now) {
        return new TwinDocument(new JsonObject(), TwinSection.empty(now, true), TwinSection.empty(now, false), 1);
    }

    public TwinSection desired() {
        return desired;
    }

    public TwinSection reported() {
        return reported;
    }

    /** The tags (a copy). */
    public JsonObject tags() {
        return tags.deepCopy();
    }

    public long version() {
        return version;
    }

    /** IoT Hub–style etag, derived from the twin version. */
    public String etag() {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(Long.BYTES).putLong(version).array());
    }

    TwinDocument withDesired(TwinSection section) {
        return new TwinDocument(tags, section, reported, version + 1);
    }

    TwinDocument withReported(TwinSection section) {
        return new TwinDocument(tags, desired, section, version + 1);
    }

    TwinDocument withTags(JsonObject newTags) {
        return new TwinDocument(newTags, desired, reported, version + 1);
    }

    /** The body of the MQTT twin GET response: {@code {"desired":{…,"$version":n},"reported":{…}}}. */
    public JsonObject toDeviceJson() {
        JsonObject json = new JsonObject();
        json.add("desired", desired.toJson());
        json.add("reported", reported.toJson());
        return json;
    }

    /** IoT Hub's {@code properties} object of the service-side twin. */
    public JsonObject toPropertiesJson() {
        return toDeviceJson();
    }

    public String toStoredJson() {
        JsonObject json = new JsonObject();
        json.addProperty("version", version);
        json.add("tags", tags);
        json.add("desired", desired.toStoredJson());
        json.add("reported", reported.toStoredJson());
        return json.toString();
    }

    public static TwinDocument fromStoredJson(String text) {
        JsonObject json = JsonParser.parseString(text).getAsJsonObject();
        return new TwinDocument(json.getAsJsonObject("tags"),
            TwinSection.fromStoredJson(json.getAsJsonObject("desired"), true),
            TwinSection.fromStoredJson(json.getAsJsonObject("reported"), false),
            json.get("version").getAsLong());
    }
}
