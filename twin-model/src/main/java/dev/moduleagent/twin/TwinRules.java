package dev.moduleagent.twin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IoT Hub's rules for the values of tags, desired and reported properties: keys (1 to {@value TwinLimits#MAX_KEY_BYTES}
 * UTF-8 bytes, no {@code .}, {@code $}, space or control character of C0, DEL or C1), nesting (at most
 * {@value TwinLimits#MAX_DEPTH} levels, arrays counting like objects), strings (at most
 * {@value TwinLimits#MAX_STRING_BYTES} UTF-8 bytes), numbers (integers within {@value TwinLimits#MIN_INTEGER}..
 * {@value TwinLimits#MAX_INTEGER}, other numbers finite doubles) and value types (JSON's only), and section sizes as
 * IoT Hub counts them.
 */
public final class TwinRules {

    private TwinRules() {
    }

    /**
     * @param key a property or component name
     * @param where what the key names or where it sits, for the message
     * @throws TwinRuleException when the key is empty, too long, or holds a forbidden character
     */
    public static void checkKey(String key, String where) {
        String problem = keyProblem(key, where);
        if (problem != null) {
            throw new TwinRuleException(problem);
        }
    }

    /**
     * @param depth the level of an object or array (a section's top-level values are level 1)
     * @param path where it sits, for the message
     * @throws TwinRuleException when the level is above {@link TwinLimits#MAX_DEPTH}
     */
    public static void checkDepth(int depth, String path) {
        if (depth > TwinLimits.MAX_DEPTH) {
            throw new TwinRuleException(depthProblem(path));
        }
    }

    /**
     * @param tree the representation
     * @param object an object, for example a patch or a component's section
     * @param path its path, the start of every path in the messages
     * @param depth the object's own level: 0 for a whole section, 1 for a component's section
     * @param limit how many problems to collect at the most (at least 1)
     * @param <V> the representation's value type
     * @return what breaks the rules, one line per value, in document order; empty when nothing does
     */
    public static <V> List<String> problems(JsonTree<V> tree, V object, String path, int depth, int limit) {
        return new RuleWalk<>(tree, limit).object(object, path, depth);
    }

    /**
     * @param tree the representation
     * @param object an object, for example a patch or a component's section
     * @param path its path
     * @param depth the object's own level: 0 for a whole section, 1 for a component's section
     * @param <V> the representation's value type
     * @throws TwinRuleException naming the first value that breaks a rule
     */
    public static <V> void check(JsonTree<V> tree, V object, String path, int depth) {
        List<String> problems = problems(tree, object, path, depth, 1);
        if (!problems.isEmpty()) {
            throw new TwinRuleException(problems.get(0));
        }
    }

    /**
     * @param object plain values of one object
     * @param path its path
     * @param depth the object's own level: 0 for a whole section, 1 for a component's section
     * @return the first rule it breaks, naming the path; empty when none
     */
    public static Optional<String> problem(Map<String, ?> object, String path, int depth) {
        return problems(JsonTree.PLAIN, object, path, depth, 1).stream().findFirst();
    }

    /**
     * @param tree the representation
     * @param section {@code tags}, {@code desired} or {@code reported}
     * @param content the section's whole content
     * @param <V> the representation's value type
     * @throws TwinRuleException when the section is larger than IoT Hub allows, counted as IoT Hub counts it
     */
    public static <V> void checkSize(JsonTree<V> tree, String section, V content) {
        long bytes = TwinSize.of(tree, content);
        int limit = "tags".equals(section) ? TwinLimits.MAX_TAGS_BYTES : TwinLimits.MAX_SECTION_BYTES;
        if (bytes > limit) {
            throw new TwinRuleException(section + " would be " + bytes + " bytes as IoT Hub counts them, the limit is "
                    + limit);
        }
    }

    /**
     * Judges one component's reported section the way IoT Hub would see it inside the reported properties
     * ({@code {"<component>": {...}}}): the component name as a key, every value at depth 1 and below, and the size
     * of the component's part of the section.
     *
     * @param component the component name
     * @param section the component's section, plain values
     * @param limit how many problems to collect at the most
     * @return what breaks the rules, one line each; empty when the section fits
     */
    public static List<String> componentProblems(String component, Map<String, ?> section, int limit) {
        List<String> problems = new ArrayList<>();
        String key = keyProblem(component, "reported properties");
        if (key != null) {
            problems.add(key);
        }
        problems.addAll(problems(JsonTree.PLAIN, section, component, 1, limit));
        long bytes = TwinSize.of(JsonTree.PLAIN, Map.of(component, section));
        if (bytes > TwinLimits.MAX_SECTION_BYTES) {
            problems.add("reported section '" + component + "' is " + bytes + " bytes as IoT Hub counts them, more than "
                    + TwinLimits.MAX_SECTION_BYTES);
        }
        return problems.size() > limit ? problems.subList(0, limit) : problems;
    }

    static String depthProblem(String path) {
        return path + " is nested deeper than " + TwinLimits.MAX_DEPTH + " levels (IoT Hub's limit)";
    }

    static String keyProblem(String key, String where) {
        if (key == null || key.isEmpty()) {
            return where + " has an empty key";
        }
        if (key.length() > TwinLimits.MAX_KEY_BYTES / 3
                && key.getBytes(StandardCharsets.UTF_8).length > TwinLimits.MAX_KEY_BYTES) {
            return where + " has a key longer than " + TwinLimits.MAX_KEY_BYTES + " bytes";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.' || c == '$' || c == ' ' || Character.isISOControl(c)) {
                return "key '" + printable(key) + "' in " + where + " contains '" + printable(String.valueOf(c))
                        + "' (IoT Hub forbids '.', '$', space and control characters in keys)";
            }
        }
        return null;
    }

    static String stringProblem(String text, String path) {
        if (text.length() <= TwinLimits.MAX_STRING_BYTES / 3) {
            return null;
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        return bytes <= TwinLimits.MAX_STRING_BYTES ? null
                : path + " is a string of " + bytes + " bytes, the limit is " + TwinLimits.MAX_STRING_BYTES;
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(64).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
