package dev.moduleagent.runtime.demo;

/** The demo could not be set up or did not converge; the message is one line saying which step and why. */
public class DemoException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the step that failed */
    public DemoException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the step that failed
     * @param cause the underlying failure
     */
    public DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
