package dev.moduleagent.agent.internal.reported;

/**
 * One queued reported patch.
 *
 * @param sequence the order in which patches go out
 * @param json the patch as JSON text
 */
public record OutboxEntry(long sequence, String json) {
}
