package dev.moduleagent.twin;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Map;

/** {@link JsonTree} over Gson trees, as local-hub keeps twins. */
final class GsonTree implements JsonTree<JsonElement> {

    @Override
    public Kind kind(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return Kind.NULL;
        }
        if (value.isJsonObject()) {
            return Kind.OBJECT;
        }
        if (value.isJsonArray()) {
            return Kind.ARRAY;
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        if (primitive.isString()) {
            return Kind.STRING;
        }
        return primitive.isNumber() ? Kind.NUMBER : Kind.BOOLEAN;
    }

    @Override
    public Iterable<Map.Entry<String, JsonElement>> members(JsonElement object) {
        return object.getAsJsonObject().entrySet();
    }

    @Override
    public Iterable<JsonElement> items(JsonElement array) {
        return array.getAsJsonArray();
    }

    @Override
    public String text(JsonElement value) {
        return value.getAsString();
    }

    @Override
    public Number number(JsonElement value) {
        return value.getAsNumber();
    }

    @Override
    public JsonElement get(JsonElement object, String key) {
        return object.getAsJsonObject().get(key);
    }

    @Override
    public void put(JsonElement object, String key, JsonElement value) {
        object.getAsJsonObject().add(key, value == null ? JsonNull.INSTANCE : value);
    }

    @Override
    public void remove(JsonElement object, String key) {
        object.getAsJsonObject().remove(key);
    }

    @Override
    public JsonElement newObject() {
        return new JsonObject();
    }

    @Override
    public JsonElement copy(JsonElement value) {
        return value == null ? JsonNull.INSTANCE : value.deepCopy();
    }
}
