package dev.moduleagent.agent.internal.hub;

import dev.moduleagent.agent.internal.reported.ReportFailure;
import dev.moduleagent.agent.internal.reported.ReportedLink;
import dev.moduleagent.agent.internal.retry.Backoff;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the module connected to its hub: opens a channel with capped exponential back-off, replaces it after a
 * terminal disconnect, and after every (re)connect subscribes to desired changes and reads the full twin, because
 * the SDK does neither by itself. All state changes run on one session thread, so they never race; the SDK's
 * callbacks are handed over to it.
 */
public final class HubSession implements ReportedLink {

    private static final Logger LOG = LoggerFactory.getLogger(HubSession.class);

    private final ChannelFactory factory;
    private final SessionListener listener;
    private final ScheduledExecutorService executor;
    private final Backoff backoff;
    private volatile Runnable onConnected = () -> { };
    private volatile MethodListener methods;
    private volatile TwinChannel channel;
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile boolean stopped;
    private int generation;
    private boolean twinReadBefore;
    private String lastReason = "";
    private ScheduledFuture<?> nextAttempt;
    private CompletableFuture<Void> reconnected;

    /**
     * @param factory makes a channel per connection attempt
     * @param listener receives connection changes, twins and patches
     * @param executor the session thread: single-threaded, owned by the caller, shut down after {@link #stop()}
     * @param backoff pauses between connection attempts
     */
    public HubSession(ChannelFactory factory, SessionListener listener, ScheduledExecutorService executor,
                      Backoff backoff) {
        this.factory = factory;
        this.listener = new GuardedListener(listener);
        this.executor = executor;
        this.backoff = backoff;
    }

    /** @param action run on the session thread each time the session becomes connected */
    public void onConnected(Runnable action) {
        this.onConnected = Objects.requireNonNull(action, "action");
    }

    /** @param listener receives direct-method calls; subscribed after every (re)connect, like desired changes */
    public void onMethods(MethodListener listener) {
        this.methods = Objects.requireNonNull(listener, "listener");
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        submit(this::connect);
    }

    /**
     * Closes the connection and stops all further attempts; the caller then shuts the executor down. The SDK's close
     * can wait long for a hub that does not answer, so it runs on a thread of its own and is left behind after
     * {@code atMost}.
     *
     * @param atMost how long to wait for the connection to close
     */
    public void stop(Duration atMost) {
        stopped = true;
        state = ConnectionState.STOPPED;
        TwinChannel current = channel;
        if (current == null) {
            return;
        }
        Thread closer = new Thread(current::close, "agent-hub-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(Math.max(1, atMost.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.info("the hub connection did not close within {} ms; stopping without waiting for it",
                    atMost.toMillis());
        }
    }

    /**
     * Closes the current connection and connects again at once, with whatever the factory makes now (a renewed
     * identity): on the session thread, with the usual subscribe + full twin read, so the dispatcher sees only a
     * resync. A failed attempt is retried with back-off as usual.
     *
     * @return completes when this attempt is connected and the twin read; exceptionally with the reason when it failed
     */
    public CompletableFuture<Void> reconnect() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (stopped) {
            result.completeExceptionally(new ChannelException("the hub session is stopped", true));
            return result;
        }
        submit(() -> {
            if (stopped) {
                result.completeExceptionally(new ChannelException("the hub session is stopped", true));
                return;
            }
            settle(new ChannelException("superseded by another reconnect", false));
            reconnected = result;
            if (nextAttempt != null) {
                nextAttempt.cancel(false);
            }
            TwinChannel previous = channel;
            generation++;
            channel = null;
            if (previous != null) {
                previous.close();
            }
            connect();
        });
        return result;
    }

    private void settle(ChannelException failure) {
        CompletableFuture<Void> waiting = reconnected;
        reconnected = null;
        if (waiting != null) {
            if (failure == null) {
                waiting.complete(null);
            } else {
                waiting.completeExceptionally(failure);
            }
        }
    }

    /** @return the current connection state */
    public ConnectionState state() {
        return state;
    }

    /** Reads the full twin again (on the session thread) if connected. */
    public void requestResync() {
        submit(() -> {
            TwinChannel current = channel;
            if (state == ConnectionState.CONNECTED && current != null) {
                try {
                    listener.twinRead(current.getTwin(), false);
                } catch (ChannelException | RuntimeException e) {
                    fail(current, "twin read failed: " + describe(e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    @Override
    public boolean isConnected() {
        return state == ConnectionState.CONNECTED;
    }

    @Override
    public void sendReported(Map<String, Object> patch) throws ReportFailure, InterruptedException {
        TwinChannel current = channel;
        if (state != ConnectionState.CONNECTED || current == null) {
            throw new ReportFailure("not connected", false);
        }
        try {
            current.report(patch);
        } catch (ChannelException e) {
            throw new ReportFailure(e.getMessage(), e.permanent(), e.tooLarge());
        }
    }

    /**
     * Sends a telemetry message if connected (best effort).
     *
     * @param component the component ({@code $.sub})
     * @param json the body
     * @return whether the message was handed to the transport
     */
    public boolean sendEvent(String component, String json) {
        TwinChannel current = channel;
        if (state != ConnectionState.CONNECTED || current == null) {
            LOG.debug("event for {} not sent: not connected", component);
            return false;
        }
        try {
            current.sendEvent(component, json);
            return true;
        } catch (ChannelException | RuntimeException e) {
            LOG.debug("event for {} not sent: {}", component, describe(e));
            return false;
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        int attempt = ++generation;
        setState(ConnectionState.CONNECTING, "opening a connection");
        TwinChannel next;
        try {
            next = factory.create((status, reason) -> submit(() -> statusChanged(attempt, status, reason)));
        } catch (ChannelException e) {
            if (e.permanent()) {
                LOG.error("hub connection impossible: {}", e.getMessage());
                settle(e);
                setState(ConnectionState.STOPPED, e.getMessage());
            } else {
                retryLater(e.getMessage());
            }
            return;
        }
        channel = next;
        try {
            next.open();
            synchronize(next, "connected");
        } catch (ChannelException | RuntimeException e) {
            fail(next, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            next.close();
        }
    }

    private void synchronize(TwinChannel current, String reason) throws ChannelException, InterruptedException {
        current.subscribeDesired(this::patchArrived);
        MethodListener methodListener = methods;
        if (methodListener != null) {
            current.subscribeMethods(methodListener);
        }
        TwinSnapshot twin = current.getTwin();
        if (stopped || current != channel) {
            return;
        }
        setState(ConnectionState.CONNECTED, reason);
        boolean first = !twinReadBefore;
        twinReadBefore = true;
        listener.twinRead(twin, first);
        settle(null);
        onConnected.run();
        backoff.reset(); // only once the whole (re)connect succeeded: a failure before never shortens the pause
    }

    private void patchArrived(DesiredPatch patch) {
        if (!stopped && !listener.desiredChanged(patch)) {
            requestResync();
        }
    }

    private void statusChanged(int attempt, ChannelStatus status, String reason) {
        if (stopped || attempt != generation) {
            return;
        }
        LOG.debug("SDK connection status {} ({})", status, reason);
        switch (status) {
            case CONNECTED -> {
                if (state == ConnectionState.RETRYING) {
                    resynchronize(reason);
                }
            }
            case DISCONNECTED_RETRYING -> setState(ConnectionState.RETRYING, reason);
            case DISCONNECTED -> fail(channel, reason);
            default -> throw new IllegalStateException("unknown status " + status);
        }
    }

    private void resynchronize(String reason) {
        TwinChannel current = channel;
        try {
            synchronize(current, "reconnected: " + reason);
        } catch (ChannelException | RuntimeException e) {
            fail(current, "after reconnect: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(TwinChannel failed, String reason) {
        if (stopped) {
            return;
        }
        generation++;
        channel = null;
        if (failed != null) {
            failed.close();
        }
        retryLater(reason);
    }

    private void retryLater(String reason) {
        settle(new ChannelException(reason, false));
        Duration pause = backoff.next();
        setState(ConnectionState.DISCONNECTED, reason + "; next attempt in " + pause.toMillis() + " ms");
        try {
            nextAttempt = executor.schedule(this::connect, pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("session stopped, no further attempt");
        }
    }

    private void setState(ConnectionState next, String reason) {
        if (stopped && next != ConnectionState.STOPPED) {
            return;
        }
        ConnectionState previous = state;
        if (previous == next && reason.equals(lastReason)) {
            return;
        }
        state = next;
        lastReason = reason;
        LOG.info("hub connection {} -> {} ({})", previous, next, reason);
        listener.connectionChanged(next, reason);
    }

    private void submit(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("hub session task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("session stopped, task dropped");
        }
    }

    private static String describe(Exception e) {
        return e instanceof ChannelException ? e.getMessage() : e.toString();
    }
}
