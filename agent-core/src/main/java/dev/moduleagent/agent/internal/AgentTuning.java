package dev.moduleagent.agent.internal;

import java.time.Duration;

/**
 * Timings that tests shorten.
 *
 * @param retryInitial first pause after a failed connection attempt or report
 * @param retryMax longest such pause
 * @param progressInterval shortest time between two progress reports of one component, and between two outbox
 *     writes of one component's read-only reports
 */
public record AgentTuning(Duration retryInitial, Duration retryMax, Duration progressInterval) {

    /** @return 1 s doubling to 60 s; one progress report per second */
    public static AgentTuning defaults() {
        return new AgentTuning(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(1));
    }
}
