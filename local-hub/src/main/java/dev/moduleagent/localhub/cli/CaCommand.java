package dev.moduleagent.localhub.cli;

import picocli.CommandLine.Command;

/** {@code local-hub ca}: groups its subcommands. */
@Command(name = "ca", mixinStandardHelpOptions = true, description = "CA certificates for X.509 CA authentication (upload, proof of possession).",
        subcommands = {CaUploadCommand.class, CaVerifyCommand.class})
final class CaCommand extends GroupCommand {
}
