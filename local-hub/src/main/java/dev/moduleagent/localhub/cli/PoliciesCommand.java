package dev.moduleagent.localhub.cli;

import picocli.CommandLine.Command;

/** {@code local-hub policies}: groups its subcommands. */
@Command(name = "policies", mixinStandardHelpOptions = true,
        description = "The hub's shared access policies (iothubowner, service, device, registryRead, registryReadWrite).",
        subcommands = {PoliciesListCommand.class, PoliciesShowCommand.class})
final class PoliciesCommand extends GroupCommand {
}
