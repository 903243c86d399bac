package dev.moduleagent.localhub.cli;

import picocli.CommandLine.Option;

/** {@code --device} and {@code --module} of a command about one identity. */
final class IdentityArguments {

    @Option(names = "--device", required = true, paramLabel = "ID", description = "The device id.")
    String deviceId;

    @Option(names = "--module", paramLabel = "ID", description = "The module id (omit for the device itself).")
    String moduleId;

    String describe() {
        return moduleId == null ? deviceId : deviceId + "/" + moduleId;
    }
}
