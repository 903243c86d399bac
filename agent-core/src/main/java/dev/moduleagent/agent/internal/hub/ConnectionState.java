package dev.moduleagent.agent.internal.hub;

/** The agent's view of its hub connection, as reported in the {@code agent} component. */
public enum ConnectionState {
    /** Opening a connection (first time, or after a terminal disconnect). */
    CONNECTING,
    /** Connected, subscribed and the twin read. */
    CONNECTED,
    /** Connection lost; the SDK is reconnecting. */
    RETRYING,
    /** Not connected; the next attempt is scheduled. */
    DISCONNECTED,
    /** Stopped for good (agent stopping, or a configuration the hub can never accept). */
    STOPPED
}
