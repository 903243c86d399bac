package dev.moduleagent.launcher;

/** A framework that cannot start: the message names what failed (a jar, a bundle, the cache folder) and why. */
public final class LaunchFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, in one line */
    public LaunchFailure(String message) {
        super(message);
    }

    /**
     * @param message what failed, in one line
     * @param cause the underlying failure
     */
    public LaunchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
