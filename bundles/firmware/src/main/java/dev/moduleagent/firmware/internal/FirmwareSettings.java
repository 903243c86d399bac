package dev.moduleagent.firmware.internal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The updater's settings, from its configuration.
 *
 * @param root the folder holding the slots, the download and the status
 * @param maxImageBytes the largest image accepted
 * @param connectTimeout how long connecting to the image server may take
 * @param readTimeout how long the server may stay silent during a download
 * @param applyTimeout how long one update may take in all
 */
public record FirmwareSettings(Path root, long maxImageBytes, Duration connectTimeout, Duration readTimeout,
        Duration applyTimeout) {

    /**
     * @param root the root folder
     * @return settings with the defaults of {@link FirmwareConfig}
     */
    public static FirmwareSettings defaults(Path root) {
        return new FirmwareSettings(root, FirmwareConfig.DEFAULT_MAX_IMAGE_BYTES, Duration.ofSeconds(15),
                Duration.ofSeconds(60), Duration.ofHours(2));
    }
}
