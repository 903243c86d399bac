package dev.moduleagent.twin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One walk of {@link TwinRules} over a value, collecting up to a limit of problems. */
final class RuleWalk<V> {

    private final JsonTree<V> tree;
    private final int limit;
    private final List<String> problems = new ArrayList<>();

    RuleWalk(JsonTree<V> tree, int limit) {
        this.tree = tree;
        this.limit = Math.max(1, limit);
    }

    List<String> object(V object, String path, int depth) {
        walkObject(object, path, depth);
        return problems;
    }

    private void walkObject(V object, String path, int depth) {
        if (depth > TwinLimits.MAX_DEPTH) {
            add(TwinRules.depthProblem(path));
            return;
        }
        for (Map.Entry<String, V> member : tree.members(object)) {
            if (full()) {
                return;
            }
            add(TwinRules.keyProblem(member.getKey(), path));
            value(member.getValue(), path + "." + member.getKey(), depth);
        }
    }

    private void walkArray(V array, String path, int depth) {
        if (depth > TwinLimits.MAX_DEPTH) {
            add(TwinRules.depthProblem(path));
            return;
        }
        int index = 0;
        for (V item : tree.items(array)) {
            if (full()) {
                return;
            }
            value(item, path + "[" + index++ + "]", depth);
        }
    }

    private void value(V value, String path, int parentDepth) {
        if (full()) {
            return;
        }
        switch (tree.kind(value)) {
            case OBJECT -> walkObject(value, path, parentDepth + 1);
            case ARRAY -> walkArray(value, path, parentDepth + 1);
            case STRING -> add(TwinRules.stringProblem(tree.text(value), path));
            case NUMBER -> add(NumberRule.problem(tree.number(value), path));
            case OTHER -> add(path + " has the type " + value.getClass().getName()
                    + ", which is not a JSON value (objects, arrays, strings, numbers, booleans and null are)");
            default -> {
            }
        }
    }

    private void add(String problem) {
        if (problem != null && !full()) {
            problems.add(problem);
        }
    }

    private boolean full() {
        return problems.size() >= limit;
    }
}
