package dev.moduleagent.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Launcher} needs to start one agent: where its bundles are, which folder to watch for plug-ins, where
 * the framework keeps its cache, and the agent's configuration (Configuration Admin PID {@value Launcher#AGENT_PID}).
 *
 * @param systemDir the folder of bundles installed and started at launch
 * @param deployDir the folder watched for plug-in bundles (created when missing)
 * @param storageDir the framework's bundle cache (kept between launches while the system bundles are unchanged)
 * @param agentConfiguration the agent's configuration properties, paths already absolute
 * @param pollInterval how often the deploy folder is scanned
 */
public record LaunchSettings(Path systemDir, Path deployDir, Path storageDir, Map<String, String> agentConfiguration,
        Duration pollInterval) {

    /**
     * The default scan interval of the deploy folder. FileInstall installs a file once it is unchanged on two scans,
     * so a dropped jar is seen within two intervals (was 1000 ms: 1–2 s; now at most 0.2 s). Writers must still move
     * a finished jar into place (rename), since a copy that stalls longer than one interval is read half-written.
     */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(100);

    /** Checks presence, makes the paths absolute and copies the configuration. */
    public LaunchSettings {
        systemDir = Objects.requireNonNull(systemDir, "systemDir").toAbsolutePath().normalize();
        deployDir = Objects.requireNonNull(deployDir, "deployDir").toAbsolutePath().normalize();
        storageDir = Objects.requireNonNull(storageDir, "storageDir").toAbsolutePath().normalize();
        agentConfiguration = Map.copyOf(agentConfiguration);
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, not " + pollInterval);
        }
    }

    /**
     * @param layout a distribution
     * @param agentConfiguration the agent's configuration, paths already absolute
     * @return settings for that distribution's own folders
     */
    public static LaunchSettings forDistribution(DistributionLayout layout, Map<String, String> agentConfiguration) {
        return new LaunchSettings(layout.system(), layout.deploy(), layout.frameworkStorage(), agentConfiguration,
                DEFAULT_POLL);
    }
}
