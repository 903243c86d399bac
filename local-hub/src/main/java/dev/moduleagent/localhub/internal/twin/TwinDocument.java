package dev.moduleagent.localhub.internal.twin;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** A device or module twin: tags, desired and reported sections, and the twin's own version (which gives its etag). */
public final class TwinDocument {

    private static final String VERSION = "version";
    private static final String TWIN_VERSION = "twinVersion";

    private final JsonObject tags;
    private final TwinSection desired;
    private final TwinSection reported;
    private final long version;
    /** {@link #toDeviceJson()} as UTF-8, made at the first twin GET of this (immutable) version. */
    private volatile byte[] deviceBytes;

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

    /**
     * {@link #toDeviceJson()} as UTF-8 (the body of every twin GET until the twin changes; serialized once per twin
     * version). Callers must not change the array.
     */
    public byte[] toDeviceBytes() {
        byte[] bytes = deviceBytes;
        if (bytes == null) {
            bytes = toDeviceJson().toString().getBytes(StandardCharsets.UTF_8);
            deviceBytes = bytes;
        }
        return bytes;
    }

    /** IoT Hub's {@code properties} object of the service-side twin. */
    public JsonObject toPropertiesJson() {
        return toDeviceJson();
    }

    /** The {@code TWINS} row: the twin's version, tags and desired section. */
    public String toStoredJson() {
        JsonObject json = new JsonObject();
        json.addProperty(VERSION, version);
        json.add("tags", tags);
        json.add("desired", desired.toStoredJson());
        return json.toString();
    }

    /** The {@code REPORTED} row: the reported section and this twin version (the one of its last change). */
    public String toStoredReportedJson() {
        JsonObject json = reported.toStoredJson();
        json.addProperty(TWIN_VERSION, version);
        return json.toString();
    }

    /**
     * Reads a twin back from its rows. The twin version is the higher of the two rows' (each change raises it by one
     * and writes it into the row it changes).
     *
     * @param main the {@code TWINS} row
     * @param reportedRow the {@code REPORTED} row, or null for a twin stored in the older single-row form (whose
     *     {@code TWINS} row holds the reported section)
     */
    public static TwinDocument fromStoredJson(String main, String reportedRow) {
        JsonObject json = JsonParser.parseString(main).getAsJsonObject();
        long version = json.get(VERSION).getAsLong();
        JsonObject reported;
        if (reportedRow == null) {
            reported = json.getAsJsonObject("reported");
        } else {
            reported = JsonParser.parseString(reportedRow).getAsJsonObject();
            version = Math.max(version, reported.get(TWIN_VERSION).getAsLong());
        }
        return new TwinDocument(json.getAsJsonObject("tags"), TwinSection.fromStoredJson(json.getAsJsonObject("desired"), true),
            TwinSection.fromStoredJson(reported, false), version);
    }
}
