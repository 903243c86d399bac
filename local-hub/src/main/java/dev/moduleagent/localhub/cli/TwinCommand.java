package dev.moduleagent.localhub.cli;

import picocli.CommandLine.Command;

/** {@code local-hub twin}: groups its subcommands. */
@Command(name = "twin", mixinStandardHelpOptions = true, description = "Device and module twins.",
        subcommands = {TwinShowCommand.class, TwinPatchDesiredCommand.class})
final class TwinCommand extends GroupCommand {
}
