package dev.moduleagent.agent.internal.hub;

/**
 * What the rest of the agent learns from the {@link HubSession}, always on its session thread (never on an SDK
 * thread), one call at a time. Calls may commit to the state store but must not wait for the hub: the session thread
 * is the one that reads twins and reconnects.
 */
public interface SessionListener {

    /**
     * @param state the new connection state
     * @param reason why, in one line
     */
    void connectionChanged(ConnectionState state, String reason);

    /**
     * The full twin, read after every (re)connect and whenever a patch was missed.
     *
     * @param twin the twin
     * @param first whether this is the first twin read since the agent started
     */
    void twinRead(TwinSnapshot twin, boolean first);

    /**
     * @param patch a desired change pushed by the hub
     * @return {@code false} when the patch could not be placed and the full twin must be read again
     */
    boolean desiredChanged(DesiredPatch patch);
}
