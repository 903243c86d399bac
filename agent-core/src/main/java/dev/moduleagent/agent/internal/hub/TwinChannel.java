package dev.moduleagent.agent.internal.hub;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The seam between the agent and the device SDK: one connection attempt's client. Everything above it is tested with
 * a fake; the production implementation wraps the SDK's {@code ModuleClient}. Methods block up to the SDK's
 * operation timeout; status changes arrive through the listener given to the {@link ChannelFactory}.
 */
public interface TwinChannel extends AutoCloseable {

    /**
     * Connects.
     *
     * @throws ChannelException when the connection could not be made
     * @throws InterruptedException when the agent is stopping
     */
    void open() throws ChannelException, InterruptedException;

    /**
     * Subscribes to desired-property changes (required before {@link #getTwin()} and {@link #report}).
     *
     * @param onPatch receives each change, on a transport thread
     * @throws ChannelException when the subscription was not acknowledged
     * @throws InterruptedException when the agent is stopping
     */
    void subscribeDesired(Consumer<DesiredPatch> onPatch) throws ChannelException, InterruptedException;

    /**
     * Subscribes to direct-method calls; each call goes to the listener, which answers through its reply. A channel
     * that cannot receive methods does nothing.
     *
     * @param listener receives each call, on a transport thread; must return at once
     * @throws ChannelException when the subscription was not acknowledged
     * @throws InterruptedException when the agent is stopping
     */
    default void subscribeMethods(MethodListener listener) throws ChannelException, InterruptedException {
    }

    /**
     * @return the full twin
     * @throws ChannelException when the hub did not answer
     * @throws InterruptedException when the agent is stopping
     */
    TwinSnapshot getTwin() throws ChannelException, InterruptedException;

    /**
     * Sends a reported-properties merge patch and waits for the hub's confirmation.
     *
     * @param patch the patch
     * @return the new reported {@code $version}, or -1 when the hub did not say
     * @throws ChannelException when the hub did not confirm
     * @throws InterruptedException when the agent is stopping
     */
    long report(Map<String, Object> patch) throws ChannelException, InterruptedException;

    /**
     * Queues a telemetry message (best effort, does not wait).
     *
     * @param component the IoT Plug and Play component ({@code $.sub})
     * @param json the JSON body
     * @throws ChannelException when the message could not be queued
     */
    void sendEvent(String component, String json) throws ChannelException;

    /** Disconnects and releases the client; never throws. */
    @Override
    void close();
}
