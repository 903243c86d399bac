package dev.moduleagent.agent.internal.deployment;

/** A plug-in deployment that did not happen, with the PnP {@code ac} code it is acknowledged with. */
public final class DeploymentFailure extends Exception {

    private static final long serialVersionUID = 1L;
    private final int code;

    /**
     * @param code 4xx when the input was wrong (nothing changed), 5xx when the device failed (rolled back)
     * @param message one line saying what is wrong
     */
    public DeploymentFailure(int code, String message) {
        super(message);
        this.code = code;
    }

    /**
     * @param code the ack code
     * @param message one line
     * @param cause what caused it
     */
    public DeploymentFailure(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** @return the ack code */
    public int code() {
        return code;
    }
}
