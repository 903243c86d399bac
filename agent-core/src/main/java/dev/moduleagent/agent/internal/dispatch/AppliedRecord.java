package dev.moduleagent.agent.internal.dispatch;

/**
 * What was last acknowledged with a final outcome for one component: the desired {@code $version} and the content
 * hash of the section, so that the same content is not handed to the plug-in again.
 *
 * @param version the desired {@code $version} the outcome was acknowledged with ({@code av})
 * @param hash the {@link dev.moduleagent.twin.ContentHash} of the section's properties
 * @param code the {@code ac} of the final outcome
 */
public record AppliedRecord(long version, String hash, int code) {
}
