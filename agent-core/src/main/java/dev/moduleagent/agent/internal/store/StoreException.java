package dev.moduleagent.agent.internal.store;

/** The agent's state folder cannot be used; the message is one line naming the file and the problem. */
public final class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the file and the problem
     * @param cause the underlying failure
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
