package dev.moduleagent.agent.internal.hub;

import dev.moduleagent.agent.internal.retry.Backoff;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub session's state machine, run on the one session thread so that its state changes never race: connecting
 * with back-off, subscribe + full twin read after every (re)connect, patches, status changes and reconnects. SDK
 * threads never run any of it: their callbacks only {@link #post} a task here and return, so a slow store or
 * plug-in registry never holds the SDK's receive thread (which also delivers the twin responses this thread and
 * the outbox wait for).
 */
final class SessionLoop {

    /** The session's log lines keep the logger name they always had ({@code HubSession}). */
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
    private boolean resyncQueued;
    private String lastReason = "";
    private ScheduledFuture<?> nextAttempt;
    private CompletableFuture<Void> reconnected;

    SessionLoop(ChannelFactory factory, SessionListener listener, ScheduledExecutorService executor, Backoff backoff) {
        this.factory = factory;
        this.listener = new GuardedListener(listener);
        this.executor = executor;
        this.backoff = backoff;
    }

    void onConnected(Runnable action) {
        this.onConnected = Objects.requireNonNull(action, "action");
    }

    void onMethods(MethodListener listener) {
        this.methods = Objects.requireNonNull(listener, "listener");
    }

    ConnectionState state() {
        return state;
    }

    /** @return the channel in use, or {@code null} while there is none */
    TwinChannel channel() {
        return channel;
    }

    boolean stopped() {
        return stopped;
    }

    /**
     * Marks the session stopped, from any thread, without waiting for the session thread (which may be blocked in a
     * twin read): no task does anything after this.
     *
     * @return the channel to close, or {@code null}
     */
    TwinChannel stop() {
        stopped = true;
        state = ConnectionState.STOPPED;
        return channel;
    }

    /**
     * Queues a task on the session thread. A task that throws is logged; the loop goes on.
     *
     * @return {@code false} when the session thread no longer takes tasks (the agent stops)
     */
    boolean post(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("hub session task failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("session stopped, task dropped");
            return false;
        }
    }

    /** Session thread: opens a new channel, then subscribes and reads the twin. */
    void connect() {
        if (stopped) {
            return;
        }
        int attempt = ++generation;
        setState(ConnectionState.CONNECTING, "opening a connection");
        TwinChannel next;
        try {
            next = factory.create((status, reason) -> post(() -> statusChanged(attempt, status, reason)));
        } catch (ChannelException e) {
            if (e.permanent()) {
                LOG.error("hub connection impossible reason=\"{}\"", e.getMessage());
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

    /** Session thread: closes the current channel and connects again at once; {@code result} learns the outcome. */
    void reconnectNow(CompletableFuture<Void> result) {
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
    }

    /** Session thread: reads the full twin again if connected. */
    void resync() {
        resyncQueued = false;
        TwinChannel current = channel;
        if (stopped || state != ConnectionState.CONNECTED || current == null) {
            return;
        }
        try {
            listener.twinRead(current.getTwin(), false);
        } catch (ChannelException | RuntimeException e) {
            fail(current, "twin read failed: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void synchronize(TwinChannel current, String reason) throws ChannelException, InterruptedException {
        current.subscribeDesired(patchesOf(generation));
        MethodListener methodListener = methods;
        if (methodListener != null) {
            current.subscribeMethods(new HandedOverMethods(methodListener, this));
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

    /** The SDK delivers patches on its receive thread: they are only queued here. */
    private Consumer<DesiredPatch> patchesOf(int attempt) {
        return patch -> post(() -> patchArrived(attempt, patch));
    }

    private void patchArrived(int attempt, DesiredPatch patch) {
        if (stopped || attempt != generation) {
            LOG.debug("desired patch dropped: version={} reason=\"from a closed connection\"", patch.version());
            return;
        }
        if (!listener.desiredChanged(patch) && !resyncQueued) {
            resyncQueued = post(this::resync); // one full read for a run of patches that cannot be placed
        }
    }

    private void statusChanged(int attempt, ChannelStatus status, String reason) {
        if (stopped || attempt != generation) {
            return;
        }
        LOG.debug("SDK connection status={} reason=\"{}\"", status, reason);
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
        LOG.info("hub connection changed from={} to={} reason=\"{}\"", previous, next, reason);
        listener.connectionChanged(next, reason);
    }

    static String describe(Exception e) {
        return e instanceof ChannelException ? e.getMessage() : e.toString();
    }
}
