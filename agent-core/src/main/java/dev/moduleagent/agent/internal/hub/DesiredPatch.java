package dev.moduleagent.agent.internal.hub;

import java.util.Map;

/**
 * A desired-properties change pushed by the hub.
 *
 * @param version the desired {@code $version} after the change, or -1 when the hub sent none
 * @param changes the changed properties; {@code null} values mean deleted
 */
public record DesiredPatch(long version, Map<String, Object> changes) {
}
