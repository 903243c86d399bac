package dev.moduleagent.agent.internal.deployment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The agent configuration's {@code plugins.*} keys: {@code plugins.trust.file} (PEM certificates of trusted plug-in
 * signers or their CAs; default {@code conf/plugin-trust.pem} of the distribution), {@code plugins.allowUnsigned}
 * ({@code false}), {@code plugins.healthWindow} (seconds, 10), {@code plugins.maxBytes} (64 MiB),
 * {@code plugins.proxy} ({@code http://host:port}; unset: direct) and {@code plugins.noProxy} (hosts that bypass it).
 *
 * @param trustFile the trusted signers
 * @param allowUnsigned whether unsigned jars may be installed
 * @param healthWindow how long a new plug-in must stay healthy
 * @param maxBytes the largest jar downloaded
 * @param folder where deployed jars and their state are kept ({@code <data.dir>/plugins})
 * @param proxy the proxy downloads go through, or {@code null} for direct downloads
 */
public record DeploymentSettings(Path trustFile, boolean allowUnsigned, Duration healthWindow, long maxBytes,
        Path folder, DownloadProxy proxy) {

    /** {@code plugins.healthWindow} when not set, in seconds. */
    public static final long DEFAULT_HEALTH_WINDOW = 10;
    /** {@code plugins.maxBytes} when not set: 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    /**
     * @param config the agent's configuration
     * @param home the distribution folder (for the default trust file), or {@code null}
     * @param dataDir the agent's data folder
     * @return the settings
     * @throws IllegalArgumentException naming a key whose value is wrong
     */
    public static DeploymentSettings from(Map<String, Object> config, Path home, Path dataDir) {
        Object trust = config.get("plugins.trust.file");
        Path trustFile = trust != null ? Path.of(trust.toString())
                : (home == null ? Path.of("conf") : home.resolve("conf")).resolve("plugin-trust.pem");
        if (!trustFile.isAbsolute() && home != null) {
            trustFile = home.resolve(trustFile);
        }
        long window = number(config, "plugins.healthWindow", DEFAULT_HEALTH_WINDOW);
        long maxBytes = number(config, "plugins.maxBytes", DEFAULT_MAX_BYTES);
        boolean unsigned = Boolean.parseBoolean(String.valueOf(config.getOrDefault("plugins.allowUnsigned", "false"))
                .trim());
        DownloadProxy proxy = DownloadProxy.parse(text(config, "plugins.proxy"), text(config, "plugins.noProxy"));
        return new DeploymentSettings(trustFile, unsigned, Duration.ofSeconds(window), maxBytes,
                dataDir.resolve("plugins"), proxy);
    }

    private static String text(Map<String, Object> config, String key) {
        Object value = config.get(key);
        return value == null ? null : value.toString();
    }

    /** The value, checked against the metatype's range by {@code AgentConfigCheck} before it gets here. */
    private static long number(Map<String, Object> config, String key, long fallback) {
        Object value = config.get(key);
        return value == null ? fallback : Long.parseLong(value.toString().trim());
    }
}
