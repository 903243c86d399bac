package dev.moduleagent.agent.internal.hub;

/** Receives a channel's status changes, on whatever thread the transport uses. */
@FunctionalInterface
public interface ChannelStatusListener {

    /**
     * @param status the new status
     * @param reason why, in one line (for example {@code "NO_NETWORK: Mqtt connection lost"})
     */
    void onStatus(ChannelStatus status, String reason);
}
