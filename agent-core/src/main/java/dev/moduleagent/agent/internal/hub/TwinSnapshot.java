package dev.moduleagent.agent.internal.hub;

import java.util.Map;

/**
 * The full twin as read from the hub, in plain values.
 *
 * @param desiredVersion the desired {@code $version}, or -1 when the hub sent none
 * @param desired the desired properties without {@code $version}/{@code $metadata}
 * @param reported the reported properties without {@code $version}/{@code $metadata}
 */
public record TwinSnapshot(long desiredVersion, Map<String, Object> desired, Map<String, Object> reported) {
}
