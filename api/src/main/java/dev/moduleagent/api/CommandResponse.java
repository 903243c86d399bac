package dev.moduleagent.api;

import java.util.Map;

/**
 * The answer to one {@link CommandRequest}, sent back to the caller as the direct method's status and JSON payload.
 *
 * @param status an HTTP-like status: 200 done, 4xx the request was wrong, 5xx the device could not do it
 * @param payload plain values turned into JSON: {@code Map}, {@code List}, {@code String}, {@code Number},
 *     {@code Boolean} or {@code null}; records are written as objects
 */
public record CommandResponse(int status, Object payload) {

    /** Checks that the status is a final HTTP-like code (200 to 599). */
    public CommandResponse {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("a command status is between 200 and 599, not " + status);
        }
    }

    /**
     * @param payload the result
     * @return a successful answer (200)
     */
    public static CommandResponse ok(Object payload) {
        return new CommandResponse(200, payload);
    }

    /**
     * @param status 4xx or 5xx
     * @param message what went wrong, for people
     * @return an error answer whose payload is {@code {"error": message}}
     */
    public static CommandResponse error(int status, String message) {
        return new CommandResponse(status, Map.of("error", message == null ? "" : message));
    }
}
