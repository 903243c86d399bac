package dev.moduleagent.firmware.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The firmware updater's configuration (PID {@code dev.moduleagent.firmware}); every setting has a safe default. */
@ObjectClassDefinition(name = "module-agent firmware updater",
        description = "Downloads, verifies and installs firmware images into an A/B slot layout.")
public @interface FirmwareConfig {

    /** 8 GiB. */
    long DEFAULT_MAX_IMAGE_BYTES = 8L << 30;

    @AttributeDefinition(description = "Folder holding the A/B slots, the partial download and the status;"
            + " relative paths resolve against the agent's working folder.")
    String root() default "data/firmware";

    @AttributeDefinition(description = "Health check command and arguments, run after each slot switch with"
            + " FIRMWARE_SLOT, FIRMWARE_IMAGE and FIRMWARE_VERSION in its environment; exit code 0 means healthy."
            + " Empty: no command.")
    String[] healthCheckCommand() default {};

    @AttributeDefinition(description = "Seconds the health check may take before it counts as failed.")
    long healthCheckTimeoutSeconds() default 120;

    @AttributeDefinition(description = "The largest image accepted, in bytes.")
    long maxImageBytes() default DEFAULT_MAX_IMAGE_BYTES;

    @AttributeDefinition(description = "Seconds connecting to the image server may take.")
    long connectTimeoutSeconds() default 15;

    @AttributeDefinition(description = "Seconds the image server may stay silent during a download.")
    long readTimeoutSeconds() default 60;

    @AttributeDefinition(description = "Minutes one update (download, verify, stage, activate) may take.")
    long applyTimeoutMinutes() default 120;
}
