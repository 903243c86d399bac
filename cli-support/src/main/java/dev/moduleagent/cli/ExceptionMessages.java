package dev.moduleagent.cli;

import java.util.List;
import java.util.Objects;

/**
 * How a command turns the failures it expects into the one line a user reads: the only thing the three commands
 * do differently when something goes wrong.
 */
@FunctionalInterface
public interface ExceptionMessages {

    /**
     * @param failure what a subcommand threw
     * @return the line to print (what went wrong and what to fix), or {@code null} when the failure is unexpected
     *     (a defect): it is then printed as {@code unexpected error: <exception>}
     */
    String messageOf(Exception failure);

    /**
     * @param expected the exception types whose message is already a line for the user (typed failures of the
     *     domain code, I/O errors naming their file)
     * @return messages that take those exceptions' own message (blank when they carry none: printed as
     *     {@code failed}), and treat anything else as unexpected
     */
    @SafeVarargs
    static ExceptionMessages ownMessageOf(Class<? extends Exception>... expected) {
        List<Class<? extends Exception>> types = List.of(expected);
        return failure -> types.stream().anyMatch(type -> type.isInstance(failure))
                ? Objects.toString(failure.getMessage(), "") : null;
    }

    /**
     * @param next messages to try when this one has none
     * @return this, falling back to {@code next}
     */
    default ExceptionMessages orElse(ExceptionMessages next) {
        return failure -> {
            String message = messageOf(failure);
            return message != null ? message : next.messageOf(failure);
        };
    }
}
