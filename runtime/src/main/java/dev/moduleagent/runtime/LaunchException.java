package dev.moduleagent.runtime;

/**
 * The agent could not be started or stopped: a bad configuration file, a broken distribution (a system bundle that
 * does not install, resolve or start), or a framework that does not stop in time. The message is one line a user can
 * act on.
 */
public class LaunchException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file, bundle or value at fault */
    public LaunchException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file, bundle or value at fault
     * @param cause the underlying failure
     */
    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
