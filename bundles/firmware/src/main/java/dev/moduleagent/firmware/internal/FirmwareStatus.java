package dev.moduleagent.firmware.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What the updater knows about the device, persisted in {@code status.properties} under the root and reported as
 * {@code installedVersion}, {@code slot}, {@code state} and {@code reason}.
 *
 * @param installedVersion the firmware version in the active slot, or {@code null} when none was installed
 * @param installedSha256 the SHA-256 of that image, or {@code null}
 * @param slot the active slot, or {@code null}
 * @param state where the updater is
 * @param reason why it is there
 * @param previousSlot the slot that was active before an activation in progress, or {@code null}
 */
public record FirmwareStatus(String installedVersion, String installedSha256, String slot, FirmwareState state,
        String reason, String previousSlot) {

    /** The status of a device on which the updater never installed anything. */
    public static final FirmwareStatus INITIAL = new FirmwareStatus(null, null, null, FirmwareState.Idle,
            "no firmware installed by the agent yet", null);

    /**
     * @param newState the new state
     * @param newReason why
     * @return this status in another state
     */
    public FirmwareStatus in(FirmwareState newState, String newReason) {
        return new FirmwareStatus(installedVersion, installedSha256, slot, newState, newReason, previousSlot);
    }

    /** @return the reported properties */
    public Map<String, Object> reported() {
        Map<String, Object> reported = new LinkedHashMap<>();
        reported.put("installedVersion", installedVersion);
        reported.put("slot", slot);
        reported.put("state", state.name());
        reported.put("reason", reason);
        return reported;
    }

    Properties toProperties() {
        Properties properties = new Properties();
        put(properties, "installedVersion", installedVersion);
        put(properties, "installedSha256", installedSha256);
        put(properties, "slot", slot);
        put(properties, "state", state.name());
        put(properties, "reason", reason);
        put(properties, "previousSlot", previousSlot);
        return properties;
    }

    static FirmwareStatus fromProperties(Properties properties) {
        if (properties.isEmpty()) {
            return INITIAL;
        }
        return new FirmwareStatus(properties.getProperty("installedVersion"),
                properties.getProperty("installedSha256"), properties.getProperty("slot"),
                FirmwareState.valueOf(properties.getProperty("state", FirmwareState.Idle.name())),
                properties.getProperty("reason", ""), properties.getProperty("previousSlot"));
    }

    private static void put(Properties properties, String key, String value) {
        if (value != null) {
            properties.setProperty(key, value);
        }
    }
}
