package dev.moduleagent.localhub.internal;

/**
 * A request the hub refuses, with the HTTP-like status and IoT Hub–style error code to answer with; the same type
 * serves the service API (HTTP status) and the twin topics (MQTT {@code res/{status}}).
 */
public final class Refusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;

    public Refusal(int status, String errorCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    public static Refusal badRequest(String message) {
        return new Refusal(400, "ArgumentInvalid", message);
    }

    public static Refusal notFound(String errorCode, String message) {
        return new Refusal(404, errorCode, message);
    }

    public static Refusal tooLarge(String message) {
        return new Refusal(413, "RequestEntityTooLarge", message);
    }

    public static Refusal conflict(String errorCode, String message) {
        return new Refusal(409, errorCode, message);
    }

    public static Refusal preconditionFailed(String message) {
        return new Refusal(412, "PreconditionFailed", message);
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }
}
