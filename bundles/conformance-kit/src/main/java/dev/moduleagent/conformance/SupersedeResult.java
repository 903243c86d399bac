package dev.moduleagent.conformance;

import java.time.Duration;

/**
 * What {@link ConformanceKit#checkSuperseding} saw.
 *
 * @param older the application of the older version
 * @param newer the application of the newer version
 * @param superseded whether the older apply was still running when the newer version arrived
 * @param runOn how long the older apply ran on after that, or {@code null} when it was not superseded
 */
public record SupersedeResult(ApplyResult older, ApplyResult newer, boolean superseded, Duration runOn) {
}
