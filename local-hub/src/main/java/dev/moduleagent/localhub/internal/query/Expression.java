package dev.moduleagent.localhub.internal.query;

import com.google.gson.JsonElement;
import java.util.List;

/** A WHERE condition or an operand of one. */
sealed interface Expression {

    /** A property path such as {@code properties.reported.firmware.version}. */
    record Path(List<String> segments) implements Expression {
        String lastSegment() {
            return segments.get(segments.size() - 1);
        }

        String dotted() {
            return String.join(".", segments);
        }
    }

    /** A string, number, boolean or null. */
    record Literal(JsonElement value) implements Expression {
    }

    /** {@code left op right} with op one of {@code = != <> < <= > >=}. */
    record Comparison(Expression left, String operator, Expression right) implements Expression {
    }

    record And(Expression left, Expression right) implements Expression {
    }

    record Or(Expression left, Expression right) implements Expression {
    }

    record Not(Expression operand) implements Expression {
    }

    /** {@code IS_DEFINED(path)}, {@code IS_NULL(path)}, {@code STARTSWITH(path, 'x')} and the like. */
    record Function(String name, List<Expression> arguments) implements Expression {
    }

    /** {@code value IN (a, b, …)}. */
    record In(Expression value, List<Expression> candidates) implements Expression {
    }
}
