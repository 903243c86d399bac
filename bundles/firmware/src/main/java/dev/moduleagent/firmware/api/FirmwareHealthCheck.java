package dev.moduleagent.firmware.api;

import java.nio.file.Path;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides whether freshly activated firmware is healthy. The firmware updater calls every check it has (the
 * configured command, then this service when one is registered) after switching the active slot; any problem rolls
 * the switch back.
 *
 * <p>Called on the agent's apply thread, never concurrently for one updater; may block up to the updater's health
 * check timeout and should honour interruption.
 */
@ConsumerType
public interface FirmwareHealthCheck {

    /**
     * @param slot the slot now active, {@code "A"} or {@code "B"}
     * @param image the image file in that slot
     * @param version the firmware version in that slot
     * @return empty when healthy, otherwise what is wrong (it becomes the reported reason)
     * @throws InterruptedException when the check is interrupted; the updater then rolls back
     */
    Optional<String> check(String slot, Path image, String version) throws InterruptedException;
}
