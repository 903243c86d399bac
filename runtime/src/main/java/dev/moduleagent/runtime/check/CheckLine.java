package dev.moduleagent.runtime.check;

/**
 * One line of {@code module-agent check}: what was checked and what was found, printed as
 * {@code OK   key: …} so that a user (or a script) reads one verdict per line.
 *
 * @param verdict the outcome
 * @param name a short name of the check ({@code config}, {@code key}, {@code tls}, …)
 * @param detail what was found, one line
 */
public record CheckLine(Verdict verdict, String name, String detail) {

    /** The outcome of one check. */
    public enum Verdict {
        /** Passed. */
        OK,
        /** Passed, with something to act on soon (a certificate near its end). */
        WARN,
        /** Failed: the agent cannot work like this. */
        FAIL,
        /** Not tried, because a check it depends on failed. */
        SKIP
    }

    static CheckLine ok(String name, String detail) {
        return new CheckLine(Verdict.OK, name, detail);
    }

    static CheckLine fail(CheckFailure failure) {
        return new CheckLine(Verdict.FAIL, failure.check(), failure.detail());
    }

    /** @return the printed line, for example {@code OK   config: /etc/module-agent/agent.cfg (8 keys)} */
    public String format() {
        return String.format("%-4s %s: %s", verdict, name, detail);
    }
}
