package dev.moduleagent.agent.internal.hub;

/** Makes a fresh {@link TwinChannel} for each connection attempt (the SDK client cannot be reused after a terminal disconnect). */
@FunctionalInterface
public interface ChannelFactory {

    /**
     * @param listener receives the new channel's status changes
     * @return a channel, not yet open
     * @throws ChannelException when no client can be made; permanent when the configuration is wrong
     */
    TwinChannel create(ChannelStatusListener listener) throws ChannelException;
}
