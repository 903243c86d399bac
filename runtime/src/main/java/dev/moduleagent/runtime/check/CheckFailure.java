package dev.moduleagent.runtime.check;

/** A check that failed: its name and a one-line reason a user can act on (the message is {@code name: reason}). */
public final class CheckFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final String check;
    private final String detail;

    /**
     * @param check the check's short name, for example {@code key}
     * @param detail the reason, one line
     */
    public CheckFailure(String check, String detail) {
        super(check + ": " + detail);
        this.check = check;
        this.detail = detail;
    }

    /**
     * @param check the check's short name
     * @param detail the reason, one line
     * @param cause the underlying failure (kept for {@code --verbose})
     */
    public CheckFailure(String check, String detail, Throwable cause) {
        super(check + ": " + detail, cause);
        this.check = check;
        this.detail = detail;
    }

    /** @return the check's short name */
    public String check() {
        return check;
    }

    /** @return the reason */
    public String detail() {
        return detail;
    }
}
