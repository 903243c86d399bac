package dev.moduleagent.api;

/**
 * How one {@link ComponentHandler#apply} ended, acknowledged as {@code "ac"} and {@code "ad"} for every property of
 * the section.
 *
 * @param code an HTTP-like code: 200 done, 4xx rejected (the input was wrong), 5xx failed (the device could not do it)
 * @param description a short text for people, for example {@code "installed 2.1.0 in slot B"}
 */
public record Outcome(int code, String description) {

    /** Checks that the code is a final one (200 or an error), not 202, which is reserved for progress. */
    public Outcome {
        if (code != 200 && (code < 400 || code > 599)) {
            throw new IllegalArgumentException("an outcome code is 200, 4xx or 5xx, not " + code);
        }
        description = description == null ? "" : description;
    }

    /**
     * @param description what was done
     * @return a successful outcome ({@code ac} 200)
     */
    public static Outcome done(String description) {
        return new Outcome(200, description);
    }

    /**
     * @param reason why the input cannot be applied
     * @return a rejection ({@code ac} 400)
     */
    public static Outcome rejected(String reason) {
        return new Outcome(400, reason);
    }

    /**
     * @param reason why applying failed
     * @return a failure ({@code ac} 500)
     */
    public static Outcome failed(String reason) {
        return new Outcome(500, reason);
    }

    /** @return whether the code is 200 */
    public boolean succeeded() {
        return code == 200;
    }
}
