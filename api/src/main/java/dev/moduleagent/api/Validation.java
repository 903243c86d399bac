package dev.moduleagent.api;

/**
 * The result of {@link ComponentHandler#validate}: accepted, or rejected with a reason a person can act on.
 *
 * @param accepted whether the section may be applied
 * @param reason why it was rejected, for example {@code "timezone 'Mars/Base' is not a known zone"}; empty when accepted
 */
public record Validation(boolean accepted, String reason) {

    private static final Validation ACCEPTED = new Validation(true, "");

    /** Normalises a missing reason to the empty string. */
    public Validation {
        reason = reason == null ? "" : reason;
    }

    /** @return the accepting result */
    public static Validation accept() {
        return ACCEPTED;
    }

    /**
     * @param reason what is wrong with the section, naming the offending value
     * @return a rejection, acknowledged with {@code ac} 400
     */
    public static Validation reject(String reason) {
        return new Validation(false, reason);
    }
}
