package dev.moduleagent.agent.internal.identity;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * Waits for the hub's verdict on a reconnect with another identity, bounded, and cut short when the agent stops
 * (without interrupting the renewal thread, which writes files).
 */
final class TrialWait {

    private volatile boolean closed;
    private volatile CompletableFuture<Void> waiting;

    /**
     * @param session the hub session
     * @param identity the TLS identity to try
     * @param timeout how long the hub may take
     * @return empty when the hub accepted it, else why not
     */
    Optional<String> attempt(SessionSwitch session, SSLContext identity, Duration timeout) {
        if (closed) {
            return Optional.of("the agent is stopping");
        }
        CompletableFuture<Void> result = session.reconnectWith(identity);
        waiting = result;
        if (closed) {
            result.cancel(false);
        }
        try {
            result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of("no connection within " + timeout.toSeconds() + " s");
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Optional.of(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        } catch (CancellationException e) {
            return Optional.of("the agent is stopping");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } finally {
            waiting = null;
        }
    }

    /** @return whether {@link #close()} was called */
    boolean closed() {
        return closed;
    }

    /** Ends a wait in progress and every later one at once. */
    void close() {
        closed = true;
        CompletableFuture<Void> current = waiting;
        if (current != null) {
            current.cancel(false);
        }
    }
}
