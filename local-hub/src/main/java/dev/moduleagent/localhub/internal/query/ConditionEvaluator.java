package dev.moduleagent.localhub.internal.query;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a WHERE condition against one twin document, with IoT Hub's rules: a path that does not exist is
 * undefined, and a comparison with undefined or across types (a string with a number) is false.
 */
final class ConditionEvaluator {

    private ConditionEvaluator() {
    }

    static boolean matches(Expression condition, JsonObject twin) {
        if (condition == null) {
            return true;
        }
        if (condition instanceof Expression.And and) {
            return matches(and.left(), twin) && matches(and.right(), twin);
        }
        if (condition instanceof Expression.Or or) {
            return matches(or.left(), twin) || matches(or.right(), twin);
        }
        if (condition instanceof Expression.Not not) {
            return !matches(not.operand(), twin);
        }
        if (condition instanceof Expression.Comparison comparison) {
            return compare(value(comparison.left(), twin), comparison.operator(), value(comparison.right(), twin));
        }
        if (condition instanceof Expression.In in) {
            JsonElement value = value(in.value(), twin);
            return in.candidates().stream().anyMatch(c -> compare(value, "=", value(c, twin)));
        }
        if (condition instanceof Expression.Function function) {
            List<JsonElement> values = new ArrayList<>();
            function.arguments().forEach(a -> values.add(value(a, twin)));
            return QueryFunctions.apply(function.name(), values);
        }
        JsonElement bare = value(condition, twin);
        return bare != null && bare.isJsonPrimitive() && bare.getAsJsonPrimitive().isBoolean() && bare.getAsBoolean();
    }

    /** The value of an operand in the twin; null for undefined. */
    static JsonElement value(Expression operand, JsonObject twin) {
        if (operand instanceof Expression.Literal literal) {
            return literal.value();
        }
        JsonElement current = twin;
        for (String segment : ((Expression.Path) operand).segments()) {
            if (current == null || !current.isJsonObject()) {
                return null;
            }
            current = current.getAsJsonObject().get(segment);
        }
        return current;
    }

    private static boolean compare(JsonElement left, String operator, JsonElement right) {
        if (left == null || right == null) {
            return false;
        }
        Integer order = order(left, right);
        return switch (operator) {
            case "=" -> order != null && order == 0;
            case "!=", "<>" -> order == null ? !left.equals(right) : order != 0;
            case "<" -> order != null && order < 0;
            case "<=" -> order != null && order <= 0;
            case ">" -> order != null && order > 0;
            case ">=" -> order != null && order >= 0;
            default -> false;
        };
    }

    /** The order of two values of the same primitive type (or both null); null when they cannot be ordered. */
    private static Integer order(JsonElement left, JsonElement right) {
        if (left.isJsonNull() && right.isJsonNull()) {
            return 0;
        }
        if (!left.isJsonPrimitive() || !right.isJsonPrimitive()) {
            return left.equals(right) ? 0 : null;
        }
        JsonPrimitive a = left.getAsJsonPrimitive();
        JsonPrimitive b = right.getAsJsonPrimitive();
        if (a.isNumber() && b.isNumber()) {
            return a.getAsBigDecimal().compareTo(b.getAsBigDecimal());
        }
        if (a.isString() && b.isString()) {
            return Integer.signum(a.getAsString().compareTo(b.getAsString()));
        }
        if (a.isBoolean() && b.isBoolean()) {
            return Boolean.compare(a.getAsBoolean(), b.getAsBoolean());
        }
        return null;
    }
}
