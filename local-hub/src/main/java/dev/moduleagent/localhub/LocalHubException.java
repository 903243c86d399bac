package dev.moduleagent.localhub;

/** The hub could not start: a port is taken, the data folder is unusable or locked by another hub, and the like. */
public class LocalHubException extends Exception {

    private static final long serialVersionUID = 1L;

    public LocalHubException(String message) {
        super(message);
    }

    public LocalHubException(String message, Throwable cause) {
        super(message, cause);
    }
}
