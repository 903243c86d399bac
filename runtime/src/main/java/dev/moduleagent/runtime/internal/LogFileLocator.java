package dev.moduleagent.runtime.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Finds the file the root logger writes to, as configured (the distribution's {@code logback.xml} or the user's
 * {@code conf/logback.xml}), so that the agent's {@code agent*getLogs} command reads the real file, not a guess.
 */
public final class LogFileLocator {

    private LogFileLocator() {
    }

    /** @return the root logger's first file appender's file, or empty when logging is not Logback or has no file */
    public static Optional<Path> rootLogFile() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty();
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof FileAppender<ILoggingEvent> file && file.getFile() != null) {
                return Optional.of(Path.of(file.getFile()).toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }
}
