package dev.moduleagent.agent.internal.command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the newest entries of the agent's log file that match a {@link LogQuery}, within a byte budget. Entries are
 * lines in the distribution's pattern {@code time level [thread] logger - message}; lines that do not start so (stack
 * traces) belong to the entry before them. Only the current file is read, not the rolled ones.
 */
final class LogTail {

    /** The budget for the returned lines, JSON-escaped, leaving room below the 128 KB method limit. */
    static final int MAX_BYTES = 120 * 1024;

    /** The longest entry returned (a line with its stack trace); longer ones are cut. */
    static final int MAX_ENTRY_CHARS = 8192;

    private static final Pattern ENTRY = Pattern.compile("^(\\S+) (TRACE|DEBUG|INFO|WARN|ERROR)\\s+\\[[^\\]]*\\] (\\S+) - ");

    private LogTail() {
    }

    /**
     * @param file the log file
     * @param query what to return
     * @return the newest matching entries, oldest first, and whether some were left out for the budget
     * @throws IOException when the file cannot be read
     */
    static Result read(Path file, LogQuery query) throws IOException {
        Deque<String> kept = new ArrayDeque<>();
        long keptChars = 0;
        int entries = 0;
        StringBuilder current = null;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                Matcher entry = ENTRY.matcher(line);
                if (entry.lookingAt()) {
                    keptChars += keep(kept, current);
                    current = matches(entry, query) ? new StringBuilder(cut(line)) : null;
                    entries += current == null ? 0 : 1;
                } else if (current != null && current.length() < MAX_ENTRY_CHARS) {
                    current.append('\n').append(cut(line));
                }
                while (kept.size() > query.tail() || keptChars > 4L * MAX_BYTES) {
                    keptChars -= kept.removeFirst().length();
                }
            }
        }
        keep(kept, current);
        return bounded(kept, query.tail(), entries);
    }

    private static int keep(Deque<String> kept, StringBuilder entry) {
        if (entry == null) {
            return 0;
        }
        kept.addLast(entry.toString());
        return entry.length();
    }

    private static String cut(String line) {
        return line.length() > MAX_ENTRY_CHARS ? line.substring(0, MAX_ENTRY_CHARS) + " [cut]" : line;
    }

    private static boolean matches(Matcher entry, LogQuery query) {
        if (LogQuery.LEVELS.indexOf(entry.group(2)) < query.minLevel()) {
            return false;
        }
        if (query.logger() != null && !entry.group(3).contains(query.logger())) {
            return false;
        }
        if (query.since() != null) {
            try {
                return !OffsetDateTime.parse(entry.group(1)).toInstant().isBefore(query.since());
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return true;
    }

    /** Keeps the newest entries within the tail and the byte budget. */
    private static Result bounded(Deque<String> entries, int tail, int matchingEntries) {
        List<String> newestFirst = new ArrayList<>();
        int bytes = 0;
        for (var it = entries.descendingIterator(); it.hasNext() && newestFirst.size() < tail; ) {
            String entry = it.next();
            int size = CommandPayloads.write(entry).getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes + size > MAX_BYTES) {
                break;
            }
            bytes += size;
            newestFirst.add(entry);
        }
        boolean truncated = newestFirst.size() < Math.min(tail, matchingEntries);
        List<String> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return new Result(oldestFirst, truncated, matchingEntries);
    }

    /**
     * @param lines the entries returned, oldest first (an entry with a stack trace spans several lines)
     * @param truncated whether older matching entries within the tail were left out for the 120 KB budget
     * @param matchingEntries how many entries of the file matched the filters
     */
    record Result(List<String> lines, boolean truncated, int matchingEntries) {
    }
}
