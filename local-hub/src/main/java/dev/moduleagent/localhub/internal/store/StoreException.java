package dev.moduleagent.localhub.internal.store;

/** The embedded database failed (I/O error, locked by another process, corrupt file). */
public final class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
