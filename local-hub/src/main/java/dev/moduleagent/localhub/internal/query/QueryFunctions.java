package dev.moduleagent.localhub.internal.query;

import com.google.gson.JsonElement;
import java.util.List;
import java.util.Map;

/** The type-checking and string functions of IoT Hub's query language that a WHERE may use. */
final class QueryFunctions {

    /** Function name → number of arguments. */
    private static final Map<String, Integer> ARITY = Map.of(
        "IS_DEFINED", 1, "IS_NULL", 1, "IS_STRING", 1, "IS_NUMBER", 1, "IS_BOOL", 1, "IS_OBJECT", 1,
        "STARTSWITH", 2, "ENDSWITH", 2);

    private QueryFunctions() {
    }

    static Expression.Function check(String name, List<Expression> arguments) throws QueryException {
        Integer arity = ARITY.get(name);
        if (arity == null) {
            throw new QueryException("unknown function " + name + " (supported: " + String.join(", ", ARITY.keySet().stream().sorted().toList()) + ")");
        }
        if (arguments.size() != arity) {
            throw new QueryException(name + " takes " + arity + " argument" + (arity == 1 ? "" : "s") + ", got " + arguments.size());
        }
        return new Expression.Function(name, List.copyOf(arguments));
    }

    /** @param values the evaluated arguments; null stands for undefined */
    static boolean apply(String name, List<JsonElement> values) {
        JsonElement first = values.get(0);
        return switch (name) {
            case "IS_DEFINED" -> first != null;
            case "IS_NULL" -> first != null && first.isJsonNull();
            case "IS_STRING" -> first != null && first.isJsonPrimitive() && first.getAsJsonPrimitive().isString();
            case "IS_NUMBER" -> first != null && first.isJsonPrimitive() && first.getAsJsonPrimitive().isNumber();
            case "IS_BOOL" -> first != null && first.isJsonPrimitive() && first.getAsJsonPrimitive().isBoolean();
            case "IS_OBJECT" -> first != null && first.isJsonObject();
            case "STARTSWITH" -> bothStrings(values) && first.getAsString().startsWith(values.get(1).getAsString());
            case "ENDSWITH" -> bothStrings(values) && first.getAsString().endsWith(values.get(1).getAsString());
            default -> false;
        };
    }

    private static boolean bothStrings(List<JsonElement> values) {
        return values.stream().allMatch(v -> v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isString());
    }
}
