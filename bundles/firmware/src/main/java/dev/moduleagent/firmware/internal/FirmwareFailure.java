package dev.moduleagent.firmware.internal;

/** An update that cannot go on, with the acknowledgement code and the reason to report. */
public final class FirmwareFailure extends Exception {

    private static final long serialVersionUID = 1L;
    private final int code;

    /**
     * @param code 4xx when the desired input is wrong, 5xx when the device could not do it
     * @param reason what went wrong, for people
     */
    public FirmwareFailure(int code, String reason) {
        super(reason);
        this.code = code;
    }

    /**
     * @param code the acknowledgement code
     * @param reason what went wrong
     * @param cause the underlying error
     */
    public FirmwareFailure(int code, String reason, Throwable cause) {
        super(reason, cause);
        this.code = code;
    }

    /** @return the acknowledgement code */
    public int code() {
        return code;
    }
}
