package dev.moduleagent.agent.internal;

/**
 * The agent cannot start with its configuration (missing key, bad identity, unusable data folder). The message is
 * the one line the user reads; it carries no stack trace and no cause, because it is only ever logged as that line.
 */
public final class StartupException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the setting, the file and the problem */
    public StartupException(String message) {
        super(message, null, false, false);
    }
}
