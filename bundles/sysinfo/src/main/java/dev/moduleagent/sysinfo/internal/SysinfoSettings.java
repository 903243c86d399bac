package dev.moduleagent.sysinfo.internal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The inventory's settings, from its configuration.
 *
 * @param dataFolder the agent's data folder
 * @param interval the refresh interval until the twin sets one
 * @param procFolder the proc file system
 * @param osReleaseFile the os-release file
 */
public record SysinfoSettings(Path dataFolder, Duration interval, Path procFolder, Path osReleaseFile) {

    static SysinfoSettings of(SysinfoConfig config) {
        return new SysinfoSettings(Path.of(config.dataFolder()).toAbsolutePath(),
                Duration.ofSeconds(Math.max(SysinfoComponent.MIN_INTERVAL_SECONDS, config.intervalSeconds())),
                Path.of(config.procFolder()), Path.of(config.osReleaseFile()));
    }
}
