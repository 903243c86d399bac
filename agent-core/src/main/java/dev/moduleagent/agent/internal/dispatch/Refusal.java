package dev.moduleagent.agent.internal.dispatch;

/**
 * A newer section refused by the plug-in's {@code validate} at offer time while older work went on.
 *
 * @param work the refused section
 * @param ack its acknowledgement (400, or 500 when validate failed)
 */
record Refusal(Work work, Ack ack) {
}
