package dev.moduleagent.runtime.demo;

import com.google.gson.JsonObject;
import java.time.Duration;

/**
 * What the demo achieved.
 *
 * @param desiredVersion the desired {@code $version} the acknowledgements carry
 * @param acknowledged the reported sections of the patched components, as the hub holds them
 * @param agentToAcknowledged from the agent's start to the last acknowledgement
 */
public record DemoResult(long desiredVersion, JsonObject acknowledged, Duration agentToAcknowledged) {
}
