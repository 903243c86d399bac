/**
 * What other bundles may plug into the firmware updater: a {@link dev.moduleagent.firmware.api.FirmwareHealthCheck}
 * service, asked after every slot switch whether the new firmware works.
 */
@Export
@Version("1.0.0")
package dev.moduleagent.firmware.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
