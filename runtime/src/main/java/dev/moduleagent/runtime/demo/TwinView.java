package dev.moduleagent.runtime.demo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a module twin as returned by the hub's service API ({@code {"properties": {"desired", "reported"}}}):
 * the desired version, and whether the IoT Plug and Play acknowledgements of components match a desired version.
 */
public final class TwinView {

    private final JsonObject twin;

    /** @param twin a module twin */
    public TwinView(JsonObject twin) {
        this.twin = twin;
    }

    /** @return the desired properties (with {@code $version}) */
    public JsonObject desired() {
        return section("desired");
    }

    /** @return the reported properties (with {@code $version}) */
    public JsonObject reported() {
        return section("reported");
    }

    /** @return the desired {@code $version} */
    public long desiredVersion() {
        JsonElement version = desired().get("$version");
        return version == null ? 0 : version.getAsLong();
    }

    /**
     * @param component a component name
     * @return the component's reported section, if any
     */
    public Optional<JsonObject> reportedComponent(String component) {
        JsonElement value = reported().get(component);
        return value != null && value.isJsonObject() ? Optional.of(value.getAsJsonObject()) : Optional.empty();
    }

    /**
     * @param component a component name
     * @param property a writable property of it
     * @return its acknowledgement {@code {"value", "ac", "av", "ad"}}, if reported
     */
    public Optional<JsonObject> ack(String component, String property) {
        return reportedComponent(component).map(section -> section.get(property))
                .filter(JsonElement::isJsonObject).map(JsonElement::getAsJsonObject)
                .filter(ack -> ack.has("ac") && ack.has("av"));
    }

    /**
     * @param expected component name to the desired properties that must be acknowledged
     * @param version the desired {@code $version} the acknowledgements must carry
     * @param code the expected {@code ac}
     * @return what is still missing, one entry per property ({@code "hello.name: ac 400 av 3"}); empty when all match
     */
    public List<String> missingAcks(Map<String, ? extends Iterable<String>> expected, long version, int code) {
        List<String> missing = new ArrayList<>();
        expected.forEach((component, properties) -> {
            for (String property : properties) {
                Optional<JsonObject> ack = ack(component, property);
                if (ack.isEmpty()) {
                    missing.add(component + "." + property + ": not acknowledged");
                } else if (ack.get().get("ac").getAsInt() != code || ack.get().get("av").getAsLong() != version) {
                    missing.add(component + "." + property + ": ac " + ack.get().get("ac") + " av "
                            + ack.get().get("av"));
                }
            }
        });
        return missing;
    }

    private JsonObject section(String name) {
        JsonObject properties = twin.has("properties") ? twin.getAsJsonObject("properties") : twin;
        JsonElement section = properties.get(name);
        return section != null && section.isJsonObject() ? section.getAsJsonObject() : new JsonObject();
    }
}
