package dev.moduleagent.localhub.internal.twin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One twin section (desired or reported): its properties, its {@code $metadata} tree with {@code $lastUpdated}
 * per property, and its {@code $version}. Immutable: a patch returns a new section.
 */
public final class TwinSection {

    static final String METADATA = "$metadata";
    static final String VERSION = "$version";
    private static final String LAST_UPDATED = "$lastUpdated";
    private static final String LAST_UPDATED_VERSION = "$lastUpdatedVersion";

    /** IoT Hub's $lastUpdated form: UTC with seven fractional digits. */
    private static final DateTimeFormatter LAST_UPDATED_FORMAT =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final JsonObject properties;
    private final JsonObject metadata;
    private final long version;
    private final boolean trackVersionInMetadata;

    TwinSection(JsonObject properties, JsonObject metadata, long version, boolean trackVersionInMetadata) {
        this.properties = properties;
        this.metadata = metadata;
        this.version = version;
        this.trackVersionInMetadata = trackVersionInMetadata;
    }

    static TwinSection empty(Instant now, boolean trackVersionInMetadata) {
        TwinSection section = new TwinSection(new JsonObject(), new JsonObject(), 1, trackVersionInMetadata);
        section.stamp(section.metadata, timestamp(now), 1);
        return section;
    }

    public long version() {
        return version;
    }

    /** The properties without {@code $metadata} and {@code $version} (a copy). */
    public JsonObject properties() {
        return properties.deepCopy();
    }

    /** JSON merge patch: objects merge, {@code null} deletes, anything else replaces. */
    TwinSection merge(JsonObject patch, Instant now) {
        JsonObject newProperties = properties.deepCopy();
        JsonObject newMetadata = metadata.deepCopy();
        long newVersion = version + 1;
        String stamp = timestamp(now);
        mergeInto(newProperties, newMetadata, patch, stamp, newVersion);
        stamp(newMetadata, stamp, newVersion);
        return new TwinSection(newProperties, newMetadata, newVersion, trackVersionInMetadata);
    }

    /** JSON merge patch of plain properties without metadata (used for tags). */
    static JsonObject mergedProperties(JsonObject base, JsonObject patch) {
        return new TwinSection(base.deepCopy(), new JsonObject(), 0, false).merge(patch, Instant.EPOCH).properties();
    }

    /** Replaces all properties (IoT Hub's PUT), dropping {@code null} values. */
    TwinSection replace(JsonObject replacement, Instant now) {
        JsonObject newProperties = new JsonObject();
        JsonObject newMetadata = new JsonObject();
        long newVersion = version + 1;
        String stamp = timestamp(now);
        mergeInto(newProperties, newMetadata, replacement, stamp, newVersion);
        stamp(newMetadata, stamp, newVersion);
        return new TwinSection(newProperties, newMetadata, newVersion, trackVersionInMetadata);
    }

    /** The wire form: properties plus {@code $metadata} and {@code $version}. */
    public JsonObject toJson() {
        JsonObject json = properties.deepCopy();
        json.add(METADATA, metadata.deepCopy());
        json.addProperty(VERSION, version);
        return json;
    }

    JsonObject toStoredJson() {
        JsonObject json = new JsonObject();
        json.add("properties", properties);
        json.add("metadata", metadata);
        json.addProperty("version", version);
        return json;
    }

    static TwinSection fromStoredJson(JsonObject json, boolean trackVersionInMetadata) {
        return new TwinSection(json.getAsJsonObject("properties"), json.getAsJsonObject("metadata"),
            json.get("version").getAsLong(), trackVersionInMetadata);
    }

    private void mergeInto(JsonObject target, JsonObject targetMetadata, JsonObject patch, String stamp, long newVersion) {
        for (Map.Entry<String, JsonElement> entry : patch.entrySet()) {
            String key = entry.getKey();
            JsonElement value = entry.getValue();
            if (value.isJsonNull()) {
                target.remove(key);
                targetMetadata.remove(key);
            } else if (value.isJsonObject()) {
                JsonElement existing = target.get(key);
                JsonElement existingMetadata = targetMetadata.get(key);
                boolean keep = existing != null && existing.isJsonObject();
                JsonObject child = keep ? existing.getAsJsonObject() : new JsonObject();
                JsonObject childMetadata = keep && existingMetadata != null && existingMetadata.isJsonObject()
                    ? existingMetadata.getAsJsonObject() : new JsonObject();
                target.add(key, child);
                targetMetadata.add(key, childMetadata);
                mergeInto(child, childMetadata, value.getAsJsonObject(), stamp, newVersion);
                stamp(childMetadata, stamp, newVersion);
            } else {
                target.add(key, value.deepCopy());
                JsonObject leafMetadata = new JsonObject();
                stamp(leafMetadata, stamp, newVersion);
                targetMetadata.add(key, leafMetadata);
            }
        }
    }

    static String timestamp(Instant instant) {
        return LAST_UPDATED_FORMAT.format(instant);
    }

    private void stamp(JsonObject node, String stamp, long newVersion) {
        node.addProperty(LAST_UPDATED, stamp);
        if (trackVersionInMetadata) {
            node.addProperty(LAST_UPDATED_VERSION, newVersion);
        }
    }
}
