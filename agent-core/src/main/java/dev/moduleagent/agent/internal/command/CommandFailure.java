package dev.moduleagent.agent.internal.command;

/** A command that cannot be carried out, with the status its caller gets. */
public final class CommandFailure extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;

    /**
     * @param status 4xx or 5xx
     * @param message one line saying what is wrong
     */
    public CommandFailure(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @return the status the caller gets */
    public int status() {
        return status;
    }
}
