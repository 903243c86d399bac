package dev.moduleagent.localhub.cli;

import picocli.CommandLine.Command;

/** {@code local-hub modules}: groups its subcommands. */
@Command(name = "modules", mixinStandardHelpOptions = true, description = "The modules of a device.",
        subcommands = {ModulesListCommand.class})
final class ModulesCommand extends GroupCommand {
}
