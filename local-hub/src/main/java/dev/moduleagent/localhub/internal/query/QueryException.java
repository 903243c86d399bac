package dev.moduleagent.localhub.internal.query;

/** A query that cannot be parsed or run, with the reason a user can act on. */
public final class QueryException extends Exception {

    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
        super(message, null, false, false);
    }
}
