package dev.moduleagent.agent.internal.dispatch;

/** What a component's lane is doing, as shown in the agent's plug-in inventory. */
public enum LaneState {
    /** Nothing to do. */
    IDLE("idle"),
    /** A section is being validated or applied. */
    APPLYING("applying"),
    /** A desired section waits for a plug-in for its component. */
    WAITING_FOR_PLUGIN("waiting-for-plugin");

    private final String label;

    LaneState(String label) {
        this.label = label;
    }

    /** @return the text reported in the inventory */
    public String label() {
        return label;
    }
}
