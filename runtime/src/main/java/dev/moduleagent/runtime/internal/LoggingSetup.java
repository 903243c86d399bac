package dev.moduleagent.runtime.internal;

import dev.moduleagent.runtime.DistributionLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Points logging at the distribution before the first logger exists: Logback reads {@code conf/logback.xml} when
 * present (else the launcher jar's default), writes its file below {@code logs/}, the console drops its time stamps
 * under systemd's journal, and java.util.logging (used by FileInstall and Paho) is routed to SLF4J. Must run before
 * any class with a logger is used.
 */
public final class LoggingSetup {

    /** System property naming the distribution folder, used by {@code logback.xml}. */
    public static final String HOME_PROPERTY = "moduleagent.home";
    /** System property with the lowest level written to the console, used by {@code logback.xml}. */
    public static final String CONSOLE_LEVEL_PROPERTY = "moduleagent.console.level";
    /** System property with the console's pattern, used by {@code logback.xml}; set for the journal only. */
    public static final String CONSOLE_PATTERN_PROPERTY = "moduleagent.console.pattern";
    /**
     * The console pattern under systemd: journald stamps every line itself (a second time stamp would only repeat
     * it) and takes the {@code <N>} prefix as the line's priority.
     */
    public static final String JOURNAL_PATTERN = "%journalPriority%-5level [%thread] %logger{36} - %msg%n";

    private LoggingSetup() {
    }

    /**
     * @param layout the distribution whose {@code conf/} and {@code logs/} are used
     * @param consoleLevel the lowest level written to the console unless the user set one ({@code INFO}, {@code WARN})
     */
    public static void configure(DistributionLayout layout, String consoleLevel) {
        System.setProperty(HOME_PROPERTY, layout.home().toString());
        // systemd sets JOURNAL_STREAM when standard output is the journal
        if (System.getenv("JOURNAL_STREAM") != null && System.getProperty(CONSOLE_PATTERN_PROPERTY) == null) {
            System.setProperty(CONSOLE_PATTERN_PROPERTY, JOURNAL_PATTERN);
        }
        if (System.getProperty(CONSOLE_LEVEL_PROPERTY) == null) {
            System.setProperty(CONSOLE_LEVEL_PROPERTY, consoleLevel);
        }
        Path userConfig = layout.conf().resolve("logback.xml");
        if (System.getProperty("logback.configurationFile") == null && Files.isRegularFile(userConfig)) {
            System.setProperty("logback.configurationFile", userConfig.toString());
        }
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
