package dev.moduleagent.agent.internal.dispatch;

/**
 * An IoT Plug and Play acknowledgement of a writable property.
 *
 * @param code {@code ac}: 202 in progress, 200 done, 4xx rejected, 5xx failed
 * @param version {@code av}: the desired {@code $version} acknowledged
 * @param description {@code ad}: text for people
 */
public record Ack(int code, long version, String description) {

    /** Longest {@code ad} sent; longer texts (for example exception messages) are cut. */
    public static final int MAX_DESCRIPTION = 1000;

    /** Cuts over-long descriptions and maps {@code null} to the empty string. */
    public Ack {
        description = description == null ? "" : description;
        if (description.length() > MAX_DESCRIPTION) {
            description = description.substring(0, MAX_DESCRIPTION - 1) + "…";
        }
    }
}
