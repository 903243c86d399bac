package dev.moduleagent.certs.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Renders maps, lists, strings, numbers, booleans and null as indented JSON (the CLI has no JSON library). */
final class JsonText {

    private JsonText() {
    }

    /**
     * @param value a Map with String keys, a List, a CharSequence, a Number, a Boolean or null (others via toString)
     * @return the JSON text
     */
    static String render(Object value) {
        StringBuilder text = new StringBuilder();
        append(text, value, "");
        return text.toString();
    }

    private static void append(StringBuilder text, Object value, String indent) {
        if (value == null) {
            text.append("null");
        } else if (value instanceof Boolean || value instanceof Number) {
            text.append(value);
        } else if (value instanceof Map<?, ?> map) {
            appendObject(text, map, indent);
        } else if (value instanceof List<?> list) {
            appendArray(text, list, indent);
        } else {
            appendString(text, value.toString());
        }
    }

    private static void appendObject(StringBuilder text, Map<?, ?> map, String indent) {
        if (map.isEmpty()) {
            text.append("{}");
            return;
        }
        String inner = indent + "  ";
        text.append("{\n");
        for (Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<?, ?> entry = entries.next();
            text.append(inner);
            appendString(text, String.valueOf(entry.getKey()));
            text.append(": ");
            append(text, entry.getValue(), inner);
            text.append(entries.hasNext() ? ",\n" : "\n");
        }
        text.append(indent).append('}');
    }

    private static void appendArray(StringBuilder text, List<?> list, String indent) {
        if (list.isEmpty()) {
            text.append("[]");
            return;
        }
        String inner = indent + "  ";
        text.append("[\n");
        for (int i = 0; i < list.size(); i++) {
            text.append(inner);
            append(text, list.get(i), inner);
            text.append(i + 1 < list.size() ? ",\n" : "\n");
        }
        text.append(indent).append(']');
    }

    private static void appendString(StringBuilder text, String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
