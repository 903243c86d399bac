package dev.moduleagent.agent.internal.command;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code agent*getLogs} asks for, read from its payload (modelled on IoT Edge's {@code GetModuleLogs}):
 * {@code {"tail": 100, "since": "10m" | "2026-11-30T09:00:00Z", "level": "WARN", "logger": "dispatch"}}, all optional.
 *
 * @param tail how many of the newest matching entries at most
 * @param since entries at or after this instant only, or {@code null}
 * @param minLevel the lowest level (index into {@link #LEVELS})
 * @param logger only entries whose logger name contains this text, or {@code null}
 */
record LogQuery(int tail, Instant since, int minLevel, String logger) {

    /** Logback's levels, lowest first. */
    static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    /** The tail when none is given; also the most that can be asked for. */
    static final int DEFAULT_TAIL = 500;
    static final int MAX_TAIL = 10_000;

    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})([smhd])");

    /**
     * @param payload the command's payload: {@code null} or a map
     * @param now the current time, for a relative {@code since}
     * @return the query
     * @throws IllegalArgumentException naming the field to fix
     */
    static LogQuery from(Object payload, Instant now) {
        if (payload == null) {
            return new LogQuery(DEFAULT_TAIL, null, 0, null);
        }
        if (!(payload instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the payload is an object like {\"tail\": 100, \"level\": \"WARN\"}");
        }
        for (Object key : map.keySet()) {
            if (!List.of("tail", "since", "level", "logger").contains(key)) {
                throw new IllegalArgumentException("unknown field '" + key + "'; known: tail, since, level, logger");
            }
        }
        return new LogQuery(tail(map.get("tail")), since(map.get("since"), now), level(map.get("level")),
                text(map.get("logger"), "logger"));
    }

    private static int tail(Object value) {
        if (value == null) {
            return DEFAULT_TAIL;
        }
        if (!(value instanceof Long number) || number < 1 || number > MAX_TAIL) {
            throw new IllegalArgumentException("tail is a whole number from 1 to " + MAX_TAIL + ", not " + value);
        }
        return number.intValue();
    }

    private static Instant since(Object value, Instant now) {
        String text = text(value, "since");
        if (text == null) {
            return null;
        }
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            Duration unit = switch (relative.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since is a time like 2026-11-30T09:00:00Z or an age like 10m, not '"
                    + text + "'");
        }
    }

    private static int level(Object value) {
        String text = text(value, "level");
        if (text == null) {
            return 0;
        }
        int index = LEVELS.indexOf(text.toUpperCase(Locale.ROOT));
        if (index < 0) {
            throw new IllegalArgumentException("level is one of " + LEVELS + ", not '" + text + "'");
        }
        return index;
    }

    private static String text(Object value, String field) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank() || text.length() > 200) {
            throw new IllegalArgumentException(field + " is a non-empty text of at most 200 characters");
        }
        return text;
    }
}
