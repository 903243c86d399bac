package dev.moduleagent.agent.internal.hub;

/** A channel operation failed; {@link #permanent()} says whether trying again can help. */
public final class ChannelException extends Exception {

    private static final long serialVersionUID = 1L;
    private final boolean permanent;
    private final boolean timedOut;
    private final boolean tooLarge;

    /**
     * @param message one line saying what failed and why
     * @param permanent whether the same request will fail again (bad configuration, refused content)
     */
    public ChannelException(String message, boolean permanent) {
        this(message, permanent, false);
    }

    /**
     * @param message one line saying what failed and why
     * @param permanent whether the same request will fail again (bad configuration, refused content)
     * @param timedOut whether no answer came in time (the request may have been carried out)
     */
    public ChannelException(String message, boolean permanent, boolean timedOut) {
        this(message, permanent, timedOut, false);
    }

    /**
     * @param message one line saying what failed and why
     * @param permanent whether the same request will fail again (bad configuration, refused content)
     * @param timedOut whether no answer came in time (the request may have been carried out)
     * @param tooLarge whether the hub refused the content as too large (413)
     */
    public ChannelException(String message, boolean permanent, boolean timedOut, boolean tooLarge) {
        super(message);
        this.permanent = permanent;
        this.timedOut = timedOut;
        this.tooLarge = tooLarge;
    }

    /** @return whether the hub refused the content as too large (413) */
    public boolean tooLarge() {
        return tooLarge;
    }

    /** @return whether no answer came in time */
    public boolean timedOut() {
        return timedOut;
    }

    /** @return whether the same request will fail again */
    public boolean permanent() {
        return permanent;
    }
}
