package dev.moduleagent.localhub.cli;

import picocli.CommandLine.Command;

/** {@code local-hub device}: groups its subcommands. */
@Command(name = "device", mixinStandardHelpOptions = true, description = "Device identities.",
        subcommands = {DeviceCreateCommand.class})
final class DeviceCommand extends GroupCommand {
}
