package dev.moduleagent.runtime.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback conversion word {@code %journalPriority}: the {@code <N>} prefix by which journald reads a line's syslog
 * priority from a service's standard output (3 error, 4 warning, 6 info, 7 debug), so that {@code journalctl -p warning}
 * works for the agent. Used by the console pattern when the agent runs under systemd ({@link LoggingSetup}).
 */
public final class JournalPriority extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return switch (event.getLevel().toInt()) {
            case Level.ERROR_INT -> "<3>";
            case Level.WARN_INT -> "<4>";
            case Level.INFO_INT -> "<6>";
            default -> "<7>";
        };
    }
}
