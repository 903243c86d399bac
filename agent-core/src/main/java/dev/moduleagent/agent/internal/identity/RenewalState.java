package dev.moduleagent.agent.internal.identity;

/**
 * The steps of one renewal, in order. Each is written to the journal before the action it names starts, so that a
 * restart knows what may be half done (see {@link RenewalRecovery}).
 */
public enum RenewalState {
    /** No renewal in progress; the configured key and chain are the identity. */
    VALID,
    /** A new key is made and the EST server asked; staged files may be incomplete. */
    RENEWING,
    /** The new key and chain are complete beside the old ones ({@code .staged}). */
    STAGED,
    /** The hub session reconnects with the staged pair; the configured files are still the old pair. */
    TRIAL,
    /** The hub accepted the staged pair and {@code .previous} holds the old pair: staged files move into place. */
    PROMOTING,
    /** The hub refused the staged pair: the session goes back to the old pair and the staged files are deleted. */
    ROLLING_BACK
}
