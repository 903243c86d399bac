package dev.moduleagent.localhub.internal.query;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a parsed query over twin documents (IoT Hub's twin JSON, in a stable order): filters with the WHERE
 * condition, then returns the twins ({@code SELECT *}), the projected fields, or one row per group with its counts.
 */
public final class QueryRunner {

    private QueryRunner() {
    }

    /** @param twins the twins of the query's source ({@code devices} or {@code devices.modules}) */
    public static List<JsonObject> run(TwinQuery query, List<JsonObject> twins) {
        List<JsonObject> matching = new ArrayList<>();
        for (JsonObject twin : twins) {
            if (ConditionEvaluator.matches(query.where(), twin)) {
                matching.add(twin);
            }
        }
        if (query.returnsTwins()) {
            return matching;
        }
        boolean counting = query.fields().stream().anyMatch(TwinQuery.Field::isCount);
        if (!query.groupBy().isEmpty() || counting) {
            return grouped(query, matching);
        }
        List<JsonObject> rows = new ArrayList<>();
        for (JsonObject twin : matching) {
            rows.add(project(query.fields(), twin, 1));
        }
        return rows;
    }

    private static List<JsonObject> grouped(TwinQuery query, List<JsonObject> matching) {
        Map<List<JsonElement>, List<JsonObject>> groups = new LinkedHashMap<>();
        for (JsonObject twin : matching) {
            List<JsonElement> key = new ArrayList<>();
            for (Expression.Path path : query.groupBy()) {
                JsonElement value = ConditionEvaluator.value(path, twin);
                key.add(value == null ? JsonNull.INSTANCE : value);
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(twin);
        }
        if (groups.isEmpty() && query.groupBy().isEmpty()) {
            groups.put(List.of(), List.of());
        }
        List<JsonObject> rows = new ArrayList<>();
        for (List<JsonObject> members : groups.values()) {
            rows.add(project(query.fields(), members.isEmpty() ? new JsonObject() : members.get(0), members.size()));
        }
        return rows;
    }

    private static JsonObject project(List<TwinQuery.Field> fields, JsonObject twin, int count) {
        JsonObject row = new JsonObject();
        for (TwinQuery.Field field : fields) {
            if (field.isCount()) {
                row.addProperty(field.name(), count);
            } else {
                JsonElement value = ConditionEvaluator.value(field.path(), twin);
                if (value != null) {
                    row.add(field.name(), value.deepCopy());
                }
            }
        }
        return row;
    }
}
