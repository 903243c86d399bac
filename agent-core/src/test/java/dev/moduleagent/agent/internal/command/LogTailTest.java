package dev.moduleagent.agent.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path dir;

    private Path log(List<String> lines) throws Exception {
        return Files.write(dir.resolve("module-agent.log"), lines);
    }

    private static String line(int minute, String level, String logger, String text) {
        return String.format("2026-11-30T09:%02d:00.000Z %-5s [main] %s - %s", minute, level, logger, text);
    }

    @Test
    void GIVEN_filters_THEN_only_matching_entries_with_their_stack_traces_newest_last() throws Exception {
        Path file = log(List.of(line(1, "INFO", "d.m.a.i.h.HubSession", "connected"),
                line(2, "WARN", "d.m.a.i.d.TwinDispatcher", "slow plug-in"),
                "java.lang.IllegalStateException: x", "\tat a.b.C(C.java:1)",
                line(50, "ERROR", "d.m.a.i.h.HubSession", "lost"),
                line(55, "INFO", "d.m.a.i.h.HubSession", "back")));
        LogTail.Result warn = LogTail.read(file, LogQuery.from(Map.of("level", "warn"), NOW));
        assertEquals(2, warn.lines().size());
        assertTrue(warn.lines().get(0).endsWith("slow plug-in\njava.lang.IllegalStateException: x\n\tat a.b.C(C.java:1)"));
        assertTrue(warn.lines().get(1).endsWith("lost"));

        LogTail.Result recent = LogTail.read(file, LogQuery.from(Map.of("since", "15m", "logger", "HubSession"), NOW));
        assertEquals(2, recent.lines().size());
        assertTrue(recent.lines().get(1).endsWith("back"));
        assertEquals(1, LogTail.read(file, LogQuery.from(Map.of("tail", 1L), NOW)).lines().size());
    }

    @Test
    void GIVEN_more_than_the_budget_THEN_the_newest_within_120_KB_and_truncated_says_so() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            lines.add(line(i % 60, "INFO", "x.Y", i + " " + "z".repeat(100)));
        }
        LogTail.Result result = LogTail.read(log(lines), LogQuery.from(Map.of("tail", 5000L), NOW));
        assertTrue(result.truncated());
        assertEquals(3000, result.matchingEntries());
        assertTrue(result.lines().get(result.lines().size() - 1).contains(" 2999 "));
        int bytes = CommandPayloads.write(result.lines()).length();
        assertTrue(bytes <= LogTail.MAX_BYTES + 2, "answer bytes " + bytes);
        assertFalse(LogTail.read(log(lines), LogQuery.from(Map.of("tail", 10L), NOW)).truncated());
    }

    @Test
    void GIVEN_a_bad_query_THEN_a_message_naming_the_field() {
        IllegalArgumentException level = assertThrows(IllegalArgumentException.class,
                () -> LogQuery.from(Map.of("level", "LOUD"), NOW));
        assertTrue(level.getMessage().startsWith("level is one of"));
        assertThrows(IllegalArgumentException.class, () -> LogQuery.from(Map.of("tail", 0L), NOW));
        assertThrows(IllegalArgumentException.class, () -> LogQuery.from(Map.of("since", "yesterday"), NOW));
        assertThrows(IllegalArgumentException.class, () -> LogQuery.from(Map.of("lines", 3L), NOW));
    }
}
