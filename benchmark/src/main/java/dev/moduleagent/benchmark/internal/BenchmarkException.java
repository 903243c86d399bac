package dev.moduleagent.benchmark.internal;

/** A run that cannot go on (a process that does not start, a hub that refuses a step), with a message to act on. */
public final class BenchmarkException extends Exception {

    private static final long serialVersionUID = 1L;

    public BenchmarkException(String message) {
        super(message);
    }

    public BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
