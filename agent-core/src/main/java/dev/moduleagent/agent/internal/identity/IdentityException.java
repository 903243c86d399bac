package dev.moduleagent.agent.internal.identity;

/**
 * The module identity configured cannot be used. The message is one line naming the configuration key, the file
 * and the problem; it never contains key material.
 */
public final class IdentityException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the key, the file and the problem */
    public IdentityException(String message) {
        super(message);
    }
}
