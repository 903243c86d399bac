package dev.moduleagent.localhub;

/** A call to the hub's service API failed: the hub answered with an error status, or could not be reached. */
public class ServiceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;

    /**
     * @param status    the HTTP status the hub answered with, or 0 when no answer arrived
     * @param errorCode the hub's error code (e.g. {@code DeviceNotFound}), or {@code null}
     * @param message   one line saying what went wrong
     */
    public ServiceException(int status, String errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public ServiceException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.errorCode = null;
    }

    /** The HTTP status, or 0 when the hub could not be reached. */
    public int status() {
        return status;
    }

    /** The hub's error code, e.g. {@code DeviceNotFound}; {@code null} when there is none. */
    public String errorCode() {
        return errorCode;
    }
}
