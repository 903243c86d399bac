package dev.moduleagent.agent.internal.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Why FileInstall could not start a bundle of the deploy folder. The framework tells nobody but the caller of
 * {@code Bundle.start()} that an activator threw, and FileInstall only logs it (to {@code java.util.logging} logger
 * {@value #LOGGER}, as the launcher configures with {@code felix.fileinstall.log.default=jul}): this handler listens
 * there and keeps the last start failure per bundle location, so that the deploy inventory can show it beside
 * {@code RESOLVED}. Without that configuration nothing is captured and the inventory shows the state alone.
 */
final class StartFailures extends Handler {

    /** The error of a bundle that failed to start before this handler listened. */
    static final String UNKNOWN = "start failed: its activator threw (the agent's log names the exception)";
    /** The JUL logger FileInstall writes to. */
    static final String LOGGER = "fileinstall";
    private static final String FAILED = "Error while starting bundle: ";
    private static final String STARTED = "Started bundle: ";
    private static final int MAX_KEPT = 256;
    private static final int MAX_TEXT = 300;

    private final Map<String, String> byLocation = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_KEPT;
        }
    };
    private final Runnable onFailure;
    /** Held here: JUL keeps loggers weakly, and one collected takes its handlers with it (FileInstall holds none). */
    private final Logger logger = Logger.getLogger(LOGGER);

    /** @param onFailure called (on FileInstall's thread) after a start failure was recorded; must not block */
    StartFailures(Runnable onFailure) {
        this.onFailure = onFailure;
        setLevel(Level.INFO);
    }

    /** Starts listening. */
    void attach() {
        logger.addHandler(this);
    }

    /** Stops listening. */
    @Override
    public void close() {
        logger.removeHandler(this);
    }

    /**
     * @param location a bundle location ({@code file:/…/deploy/x.jar})
     * @return the message of the last start failure of the bundle installed from there
     */
    synchronized Optional<String> failure(String location) {
        return Optional.ofNullable(byLocation.get(location));
    }

    /** @param location a bundle location whose bundle started (its failure is over) */
    synchronized void started(String location) {
        byLocation.remove(location);
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (message == null) {
            return;
        }
        if (message.startsWith(STARTED)) {
            started(message.substring(STARTED.length()).trim());
        } else if (message.startsWith(FAILED)) {
            synchronized (this) {
                byLocation.put(message.substring(FAILED.length()).trim(), describe(record.getThrown()));
            }
            onFailure.run();
        }
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    /** The innermost cause's message: the activator's own exception, not the framework's wrapper. */
    static String describe(Throwable thrown) {
        if (thrown == null) {
            return "start failed (the log names the reason)";
        }
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null || root.getMessage().isBlank() ? root.getClass().getName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        String text = "start failed: " + message.replaceAll("\\s+", " ");
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
