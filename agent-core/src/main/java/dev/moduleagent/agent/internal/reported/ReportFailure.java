package dev.moduleagent.agent.internal.reported;

/** A reported patch was not confirmed; {@link #permanent()} says whether sending it again can ever help. */
public final class ReportFailure extends Exception {

    private static final long serialVersionUID = 1L;
    private final boolean permanent;
    private final boolean tooLarge;

    /**
     * @param message one line saying why
     * @param permanent {@code true} when the hub refused the patch itself (bad format, too large)
     */
    public ReportFailure(String message, boolean permanent) {
        this(message, permanent, false);
    }

    /**
     * @param message one line saying why
     * @param permanent {@code true} when the hub refused the patch itself (bad format, too large)
     * @param tooLarge {@code true} when the refusal was 413: the patch, or the reported document with it, is too large
     */
    public ReportFailure(String message, boolean permanent, boolean tooLarge) {
        super(message);
        this.permanent = permanent;
        this.tooLarge = tooLarge;
    }

    /** @return whether the hub refused the patch as too large (413) */
    public boolean tooLarge() {
        return tooLarge;
    }

    /** @return whether the hub refused the patch itself, so that it must be dropped */
    public boolean permanent() {
        return permanent;
    }
}
