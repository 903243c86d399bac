package dev.moduleagent.agent.internal.status;

import java.util.Map;

/** Where the agent's own properties go (component {@code agent} of the reported aggregator). */
@FunctionalInterface
public interface AgentReports {

    /** @param properties merged into the {@code agent} section; {@code null} deletes */
    void reportAgent(Map<String, ?> properties);
}
