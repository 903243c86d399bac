package dev.moduleagent.localhub.cli;

import picocli.CommandLine.Command;

/** {@code local-hub module}: groups its subcommands. */
@Command(name = "module", mixinStandardHelpOptions = true, description = "Module identities (each creates its module twin).",
        subcommands = {ModuleCreateCommand.class})
final class ModuleCommand extends GroupCommand {
}
