package dev.moduleagent.agent.internal.reported;

/** A reported patch was not confirmed; {@link #permanent()} says whether sending it again can ever help. */
public final class ReportFailure extends Exception {

    private static final long serialVersionUID = 1L;
    private final boolean permanent;

    /**
     * @param message one line saying why
     * @param permanent {@code true} when the hub refused the patch itself (bad format, too large)
     */
    public ReportFailure(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    /** @return whether the hub refused the patch itself, so that it must be dropped */
    public boolean permanent() {
        return permanent;
    }
}
