package dev.moduleagent.runtime.it;

import com.google.gson.JsonObject;

/** Builds desired patches with IoT Plug and Play component sections. */
final class Desired {

    private final JsonObject patch = new JsonObject();

    static Desired patch() {
        return new Desired();
    }

    Desired component(String name, String property, Object value) {
        JsonObject section = patch.has(name) ? patch.getAsJsonObject(name) : new JsonObject();
        section.addProperty("__t", "c");
        if (value instanceof Number number) {
            section.addProperty(property, number);
        } else {
            section.addProperty(property, String.valueOf(value));
        }
        patch.add(name, section);
        return this;
    }

    JsonObject json() {
        return patch.deepCopy();
    }
}
