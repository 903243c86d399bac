package dev.moduleagent.osconfig.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and sets one key of a systemd-style INI file ({@code [Section]} headers, {@code Key=value} lines), keeping
 * every other line, comment and section as it was.
 */
final class IniText {

    private IniText() {
    }

    /**
     * @return the value of the last {@code key=} line in the section, or {@code null}
     */
    static String get(String text, String section, String key) {
        String value = null;
        String current = "";
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                current = trimmed.substring(1, trimmed.length() - 1);
            } else if (current.equals(section) && trimmed.startsWith(key + "=")) {
                value = trimmed.substring(key.length() + 1).strip();
            }
        }
        return value;
    }

    /**
     * @return the text with {@code key=value} in the section: replacing the key's lines there, or added at the end
     *     of the section, or in a new section at the end
     */
    static String set(String text, String section, String key, String value) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        String current = "";
        int sectionEnd = -1;
        boolean written = false;
        for (int i = 0; i < lines.size(); i++) {
            String trimmed = lines.get(i).strip();
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                current = trimmed.substring(1, trimmed.length() - 1);
            } else if (current.equals(section) && trimmed.startsWith(key + "=")) {
                if (written) {
                    lines.remove(i--);
                    continue;
                }
                lines.set(i, key + "=" + value);
                written = true;
            }
            if (current.equals(section)) {
                sectionEnd = i + 1;
            }
        }
        if (!written && sectionEnd >= 0) {
            lines.add(sectionEnd, key + "=" + value);
        } else if (!written) {
            lines.add("[" + section + "]");
            lines.add(key + "=" + value);
        }
        return String.join("\n", lines) + "\n";
    }
}
