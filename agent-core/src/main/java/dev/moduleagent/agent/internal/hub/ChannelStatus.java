package dev.moduleagent.agent.internal.hub;

/** The connection status a {@link TwinChannel} reports (the SDK's three states). */
public enum ChannelStatus {
    /** Connected. */
    CONNECTED,
    /** Connection lost; the SDK retries by itself. */
    DISCONNECTED_RETRYING,
    /** Connection lost for good; the channel must be replaced. */
    DISCONNECTED
}
