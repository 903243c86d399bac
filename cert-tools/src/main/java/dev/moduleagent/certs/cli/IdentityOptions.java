package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.IdentityName;
import picocli.CommandLine.Option;

/** {@code --device} and {@code --module}: the IoT Hub identity a certificate is for. */
final class IdentityOptions {

    @Option(names = "--device", required = true, paramLabel = "ID", description = "IoT Hub device id.")
    private String deviceId;

    @Option(names = "--module", paramLabel = "ID",
            description = "IoT Hub module id (omit for a device identity: CN=<device>).")
    private String moduleId;

    /** @return the validated identity */
    IdentityName identity() throws CertificateToolException {
        return IdentityName.of(deviceId, moduleId);
    }
}
