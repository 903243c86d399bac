package dev.moduleagent.firmware.internal;

/** Where the updater is, as reported in the twin's {@code state}. */
public enum FirmwareState {
    Idle, Downloading, Verifying, Staged, Activating, Succeeded, Failed, RolledBack
}
