package dev.moduleagent.localhub.internal.json;

/** Input that is not acceptable JSON; {@link #tooLarge()} tells a size problem (413) from a syntax problem (400). */
public final class JsonRejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean tooLarge;

    public JsonRejection(boolean tooLarge, String message) {
        super(message);
        this.tooLarge = tooLarge;
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
