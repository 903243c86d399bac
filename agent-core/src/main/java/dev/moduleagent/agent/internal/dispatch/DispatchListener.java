package dev.moduleagent.agent.internal.dispatch;

/** Observes the dispatcher (the agent's inventory and events). Called on dispatcher threads; must not block. */
public interface DispatchListener {

    /**
     * @param component the component name
     * @param handler the plug-in now serving it, or {@code null} when none is left
     */
    void handlerChanged(String component, HandlerInfo handler);

    /**
     * @param component the component name
     * @param state what its lane does now
     */
    void stateChanged(String component, LaneState state);

    /**
     * A final outcome was acknowledged (not sent for superseded runs).
     *
     * @param component the component name
     * @param ack the acknowledgement
     */
    void outcome(String component, Ack ack);

    /**
     * A lane began handing work to its plug-in ({@code true}), or finished all of it ({@code false}): after the last
     * acknowledgement, outcome and state change of that work were told. Balanced per lane; the reported outbox holds
     * the patch being built while any lane is busy, so that a desired change leaves as one patch.
     *
     * @param component the component name
     * @param busy whether the lane now works
     */
    default void laneBusy(String component, boolean busy) {
    }
}
