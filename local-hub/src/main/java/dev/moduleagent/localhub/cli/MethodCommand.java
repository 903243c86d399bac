package dev.moduleagent.localhub.cli;

import picocli.CommandLine.Command;

/** {@code local-hub method}: groups its subcommands. */
@Command(name = "method", mixinStandardHelpOptions = true, description = "Direct methods.",
        subcommands = {MethodInvokeCommand.class})
final class MethodCommand extends GroupCommand {
}
