package dev.moduleagent.api;

import java.time.Duration;
import java.util.Objects;

/**
 * One IoT Plug and Play command call ({@code <component>*<command>} direct method) as plain Java values.
 *
 * @param component the component the call is addressed to, for example {@code firmware}
 * @param command the command name, for example {@code rollback}
 * @param payload the call's JSON payload as plain values: {@code Map<String, Object>}, {@code List<Object>},
 *     {@code String}, {@code Long} or {@code Double}, {@code Boolean}, or {@code null} (no payload); maps and lists are
 *     unmodifiable
 * @param timeout how long the handler has before the caller is answered {@code 504}; positive
 */
public record CommandRequest(String component, String command, Object payload, Duration timeout) {

    /** Checks that the names and the timeout are present and the timeout is positive. */
    public CommandRequest {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a command timeout is positive, not " + timeout);
        }
    }
}
