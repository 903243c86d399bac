package dev.moduleagent.agent.internal.hub;

import dev.moduleagent.agent.internal.reported.ReportFailure;
import dev.moduleagent.agent.internal.reported.ReportedLink;
import dev.moduleagent.agent.internal.retry.Backoff;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the module connected to its hub: opens a channel with capped exponential back-off, replaces it after a
 * terminal disconnect, and after every (re)connect subscribes to desired changes and reads the full twin, because
 * the SDK does neither by itself. All state changes, patches and store commits they cause run on one session thread
 * ({@link SessionLoop}), so they never race; the SDK's callbacks (status, desired patches, method calls) only queue a
 * task there, and twin responses complete a future the waiting thread picks up.
 */
public final class HubSession implements ReportedLink {

    private static final Logger LOG = LoggerFactory.getLogger(HubSession.class);

    private final SessionLoop loop;

    /**
     * @param factory makes a channel per connection attempt
     * @param listener receives connection changes, twins and patches, always on the session thread
     * @param executor the session thread: single-threaded, owned by the caller, shut down after {@link #stop}
     * @param backoff pauses between connection attempts
     */
    public HubSession(ChannelFactory factory, SessionListener listener, ScheduledExecutorService executor,
                      Backoff backoff) {
        this.loop = new SessionLoop(factory, listener, executor, backoff);
    }

    /** @param action run on the session thread each time the session becomes connected */
    public void onConnected(Runnable action) {
        loop.onConnected(action);
    }

    /**
     * @param listener receives direct-method calls, handed over to the session thread; subscribed after every
     *     (re)connect, like desired changes
     */
    public void onMethods(MethodListener listener) {
        loop.onMethods(listener);
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        loop.post(loop::connect);
    }

    /**
     * Closes the connection and stops all further attempts; the caller then shuts the executor down. The SDK's close
     * can wait long for a hub that does not answer, so it runs on a thread of its own and is left behind after
     * {@code atMost}.
     *
     * @param atMost how long to wait for the connection to close
     */
    public void stop(Duration atMost) {
        TwinChannel current = loop.stop();
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
            LOG.info("hub connection not closed waitedMs={}", atMost.toMillis());
        }
    }

    /**
     * Closes the current connection and connects again at once, with whatever the factory makes now (a renewed
     * identity): a task on the session thread, with the usual subscribe + full twin read, so the dispatcher sees only
     * a resync. A failed attempt is retried with back-off as usual.
     *
     * @return completes when this attempt is connected and the twin read; exceptionally with the reason when it failed
     */
    public CompletableFuture<Void> reconnect() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (loop.stopped() || !loop.post(() -> loop.reconnectNow(result))) {
            result.completeExceptionally(new ChannelException("the hub session is stopped", true));
        }
        return result;
    }

    /** @return the current connection state */
    public ConnectionState state() {
        return loop.state();
    }

    /** Reads the full twin again (on the session thread) if connected. */
    public void requestResync() {
        loop.post(loop::resync);
    }

    @Override
    public boolean isConnected() {
        return loop.state() == ConnectionState.CONNECTED;
    }

    @Override
    public void sendReported(Map<String, Object> patch) throws ReportFailure, InterruptedException {
        TwinChannel current = loop.channel();
        if (!isConnected() || current == null) {
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
        TwinChannel current = loop.channel();
        if (!isConnected() || current == null) {
            LOG.debug("event not sent: component={} reason=\"not connected\"", component);
            return false;
        }
        try {
            current.sendEvent(component, json);
            return true;
        } catch (ChannelException | RuntimeException e) {
            LOG.debug("event not sent: component={} reason=\"{}\"", component, SessionLoop.describe(e));
            return false;
        }
    }
}
