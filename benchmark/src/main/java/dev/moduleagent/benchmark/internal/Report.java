package dev.moduleagent.benchmark.internal;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one run and how they are printed: the markdown table of the README (generated, never hand-typed)
 * and the JSON that is kept to compare runs across commits.
 */
public final class Report {

    private final Machine machine;
    private final String date;
    private final Map<String, Object> settings;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param machine where it ran
     * @param date when (ISO-8601)
     * @param settings the run's options (rounds, clients, …), printed and written as they are
     */
    public Report(Machine machine, String date, Map<String, Object> settings) {
        this.machine = machine;
        this.date = date;
        this.settings = Map.copyOf(settings);
    }

    /** Adds a row. */
    public void add(Figure figure) {
        figures.add(figure);
    }

    /** Adds a note printed under the table (a skipped part, a failed measurement). */
    public void note(String note) {
        notes.add(note);
    }

    /** @return the rows so far */
    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** @return the markdown: one line naming machine and settings, the table, then the notes */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("Measured ").append(date).append(" on ").append(machine.describe()).append("; ")
                .append(settingsText()).append(". Each cell: median (min–max) over the rounds; ratio = project ÷ "
                        + "baseline of the same round.\n\n");
        out.append("| figure | baseline | project | ratio | goal |\n|---|---|---|---|---|\n");
        for (Figure figure : figures) {
            out.append("| ").append(figure.label()).append(" | ").append(cell(figure.baseline(), figure.unit()))
                    .append(" | ").append(cell(figure.project(), figure.unit())).append(" | ")
                    .append(cell(figure.ratio(), "")).append(" | ").append(figure.goal()).append(" |\n");
        }
        for (Figure figure : figures) {
            if (!figure.note().isEmpty()) {
                out.append("\n- ").append(figure.label()).append(": ").append(figure.note());
            }
        }
        notes.forEach(note -> out.append("\n- ").append(note));
        return out.append('\n').toString();
    }

    /** @return the whole run as JSON */
    public String json() {
        JsonObject root = new JsonObject();
        root.addProperty("date", date);
        JsonObject host = new JsonObject();
        host.addProperty("cores", machine.cores());
        host.addProperty("cpu", machine.cpu());
        host.addProperty("ramMb", machine.ramMb());
        host.addProperty("java", machine.java());
        root.add("machine", host);
        JsonObject options = new JsonObject();
        settings.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> options.addProperty(e.getKey(), String.valueOf(e.getValue())));
        root.add("settings", options);
        JsonArray rows = new JsonArray();
        for (Figure figure : figures) {
            JsonObject row = new JsonObject();
            row.addProperty("key", figure.key());
            row.addProperty("label", figure.label());
            row.addProperty("unit", figure.unit());
            row.add("baseline", summary(figure.baseline()));
            row.add("project", summary(figure.project()));
            row.add("ratio", summary(figure.ratio()));
            row.addProperty("goal", figure.goal());
            row.addProperty("note", figure.note());
            rows.add(row);
        }
        root.add("figures", rows);
        JsonArray noteArray = new JsonArray();
        notes.forEach(noteArray::add);
        root.add("notes", noteArray);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root);
    }

    private String settingsText() {
        List<String> parts = new ArrayList<>();
        settings.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> parts.add(e.getKey() + " " + e.getValue()));
        return String.join(", ", parts);
    }

    private static JsonObject summary(Summary summary) {
        if (summary == null) {
            return null;
        }
        JsonObject json = new JsonObject();
        json.addProperty("min", summary.min());
        json.addProperty("median", summary.median());
        json.addProperty("max", summary.max());
        json.addProperty("count", summary.count());
        return json;
    }

    /** @return {@code median (min–max) unit}, just the median for one value, "—" for none */
    static String cell(Summary summary, String unit) {
        if (summary == null) {
            return "—";
        }
        String suffix = unit.isEmpty() ? "" : " " + unit;
        if (summary.count() == 1 || summary.min() == summary.max()) {
            return number(summary.median()) + suffix;
        }
        return number(summary.median()) + " (" + number(summary.min()) + "–" + number(summary.max()) + ")" + suffix;
    }

    /** @return the value with as many decimals as are meaningful: 31,000; 48.3; 1.52 */
    static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, magnitude >= 10 ? "%.1f" : "%.2f", value);
    }
}
