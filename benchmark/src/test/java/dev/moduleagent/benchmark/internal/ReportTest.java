package dev.moduleagent.benchmark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final Machine MACHINE = new Machine(2, "Test CPU", 4096, "17.0.1");

    @Test
    void numbersKeepTheDecimalsThatMatter() {
        assertEquals("31,000", Report.number(31000.4));
        assertEquals("118", Report.number(118.0));
        assertEquals("48.3", Report.number(48.26));
        assertEquals("1.52", Report.number(1.5249));
        assertEquals("0.06", Report.number(0.0633));
    }

    @Test
    void cellShowsMedianWithRangeOrJustOneValueOrADash() {
        assertEquals("1.20 (1.10–1.35) s", Report.cell(new Summary(1.1, 1.2, 1.35, 3), "s"));
        assertEquals("48.0 ms", Report.cell(new Summary(48, 48, 48, 1), "ms"));
        assertEquals("2.06", Report.cell(new Summary(2.06, 2.06, 2.06, 2), ""));
        assertEquals("—", Report.cell(null, "ms"));
    }

    @Test
    void markdownHasOneRowPerFigureWithBaselineProjectRatioAndGoal() {
        Report report = report();
        String markdown = report.markdown();
        List<String> rows = markdown.lines().filter(line -> line.startsWith("| ")).toList();
        assertEquals(3, rows.size(), markdown); // header + 2 figures
        assertEquals("| start → first patch | 1,200 (1,000–1,400) ms | 2,000 (1,800–2,200) ms | 1.69 (1.57–1.80) "
                + "| ≤ 1.0 |", rows.get(1));
        assertEquals("| hot deploy | — | 1,500 ms | — | < 500 ms |", rows.get(2));
        assertTrue(markdown.startsWith("Measured 2026-11-30T12:00:00Z on 2 cores (Test CPU), 4.0 GB RAM, Java 17.0.1; "
                + "clients 10, rounds 2."), markdown);
        assertTrue(markdown.contains("\n- mosquitto skipped\n"), markdown);
    }

    @Test
    void jsonKeepsEveryFigureWithItsSummaries() {
        JsonObject json = JsonParser.parseString(report().json()).getAsJsonObject();
        assertEquals(2, json.getAsJsonObject("machine").get("cores").getAsInt());
        assertEquals("2", json.getAsJsonObject("settings").get("rounds").getAsString());
        JsonObject start = json.getAsJsonArray("figures").get(0).getAsJsonObject();
        assertEquals("start", start.get("key").getAsString());
        assertEquals(1200.0, start.getAsJsonObject("baseline").get("median").getAsDouble());
        assertEquals(2.0, start.getAsJsonObject("ratio").get("count").getAsDouble());
        assertTrue(json.getAsJsonArray("figures").get(1).getAsJsonObject().get("baseline").isJsonNull());
        assertEquals("mosquitto skipped", json.getAsJsonArray("notes").get(0).getAsString());
    }

    @Test
    void machineIsReadFromProcFiles() {
        assertEquals("Intel(R) Xeon(R) Processor", Machine.cpuModel(List.of("processor\t: 0",
                "model name\t: Intel(R) Xeon(R) Processor", "model name\t: other")));
        assertEquals(23_552, Machine.ramMb(List.of("MemTotal:       24117248 kB", "MemFree: 1 kB")));
        assertEquals("unknown", Machine.cpuModel(List.of()));
    }

    private static Report report() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rounds", 2);
        settings.put("clients", 10);
        Report report = new Report(MACHINE, "2026-11-30T12:00:00Z", settings);
        report.add(Figure.paired("start", "start → first patch", "ms", series(1000, 1400), series(1800, 2200), "≤ 1.0"));
        report.add(Figure.projectOnly("hotDeploy", "hot deploy", "ms", series(1500), "< 500 ms"));
        report.note("mosquitto skipped");
        return report;
    }

    private static Series series(double... values) {
        Series series = new Series();
        for (double value : values) {
            series.add(value);
        }
        return series;
    }
}
