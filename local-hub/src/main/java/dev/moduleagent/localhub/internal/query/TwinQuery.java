package dev.moduleagent.localhub.internal.query;

import java.util.List;

/**
 * A parsed query: {@code SELECT <projection> FROM devices|devices.modules [WHERE <condition>] [GROUP BY <paths>]}.
 *
 * @param selectAll   {@code SELECT *}
 * @param fields      the projected fields when not {@code *}
 * @param modules     {@code FROM devices.modules}
 * @param where       the condition, or null
 * @param groupBy     the grouping paths (empty for none)
 */
public record TwinQuery(boolean selectAll, List<Field> fields, boolean modules, Expression where,
                        List<Expression.Path> groupBy) {

    /** A projected field: a path or {@code COUNT()} (path null), with the name it gets in the result. */
    public record Field(Expression.Path path, String name) {
        boolean isCount() {
            return path == null;
        }
    }

    /** Whether every result is a whole twin (then results are twins, else raw JSON objects). */
    public boolean returnsTwins() {
        return selectAll && groupBy.isEmpty();
    }
}
