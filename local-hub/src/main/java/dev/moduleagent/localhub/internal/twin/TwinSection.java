package dev.moduleagent.localhub.internal.twin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.twin.JsonTree;
import dev.moduleagent.twin.MergePatch;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;

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

    /** JSON merge patch (twin-model's {@link MergePatch}): objects merge, {@code null} deletes, anything else replaces. */
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
        JsonObject merged = base.deepCopy();
        MergePatch.apply(JsonTree.GSON, merged, patch, null);
        return merged;
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
        MergePatch.apply(JsonTree.GSON, target, patch, new MetadataTrail(targetMetadata, stamp, newVersion));
    }

    /** Keeps {@code $metadata} beside the properties while twin-model's merge patch changes them. */
    private final class MetadataTrail implements MergePatch.Listener<JsonElement> {

        private final Deque<JsonObject> nodes = new ArrayDeque<>();
        private final String stamp;
        private final long newVersion;

        MetadataTrail(JsonObject root, String stamp, long newVersion) {
            nodes.push(root);
            this.stamp = stamp;
            this.newVersion = newVersion;
        }

        @Override
        public void removed(String key) {
            nodes.peek().remove(key);
        }

        @Override
        public void replaced(String key, JsonElement value) {
            JsonObject leaf = new JsonObject();
            stamp(leaf, stamp, newVersion);
            nodes.peek().add(key, leaf);
        }

        @Override
        public void entered(String key, boolean created) {
            JsonElement existing = nodes.peek().get(key);
            JsonObject child = !created && existing != null && existing.isJsonObject()
                ? existing.getAsJsonObject() : new JsonObject();
            nodes.peek().add(key, child);
            nodes.push(child);
        }

        @Override
        public void left(String key) {
            stamp(nodes.pop(), stamp, newVersion);
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
