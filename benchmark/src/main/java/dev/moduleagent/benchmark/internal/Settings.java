package dev.moduleagent.benchmark.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run measures and with what.
 *
 * @param agentDistribution the developer kit folder ({@code runtime/target/module-agent})
 * @param hubLauncher local-hub's launcher ({@code local-hub/target/local-hub})
 * @param baselineClassPath the bare program's class path: the SDK's jars and the benchmark's classes only
 * @param work a folder for everything the run writes (hub data, homes, identities)
 * @param rounds paired rounds of each measurement
 * @param roundTrips desired → reported round trips per module run
 * @param clients load clients N (GET uses 2N)
 * @param window measuring window of each load phase
 * @param agent whether to measure the module figures (bare SDK vs agent)
 * @param load whether to measure the hub figures (local-hub vs mosquitto)
 * @param commit the checkout's commit (with {@code +changes} when it has uncommitted changes), or "unknown"
 * @param agentJavaOptions {@code JAVA_OPTS} for the agent (profiling); empty: none, the agent as shipped
 */
public record Settings(Path agentDistribution, Path hubLauncher, String baselineClassPath, Path work, int rounds,
        int roundTrips, int clients, Duration window, boolean agent, boolean load, String commit,
        String agentJavaOptions) {

    /** The loopback address of the hub (its port 8883); no test of the suite uses it. */
    public static final String HUB_ADDRESS = "127.0.0.120";
    /** The loopback address of mosquitto. */
    public static final String BROKER_ADDRESS = "127.0.0.121";

    /** @return the settings the report prints and the JSON keeps */
    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("commit", commit);
        map.put("rounds", rounds);
        if (agent) {
            map.put("round trips", roundTrips);
            if (!agentJavaOptions.isEmpty()) {
                map.put("agent JAVA_OPTS", agentJavaOptions);
            }
        }
        if (load) {
            map.put("clients", clients);
            map.put("load window s", window.toSeconds());
        }
        return map;
    }
}
