package dev.moduleagent.localhub.cli;

import picocli.CommandLine.Command;

/** {@code local-hub est}: who may enroll at the hub's EST server ({@code serve --est-port}). */
@Command(name = "est", mixinStandardHelpOptions = true,
        description = {"Who may enroll at the EST server of 'serve --est-port': Basic users and bootstrap CAs.",
                "Kept in <data-dir>/est/ (users 0600, PBKDF2 hashes); changes apply to the next request, also while the hub runs.",
                "Renewal (simplereenroll) needs no setup: the current certificate authenticates it."},
        subcommands = {EstCredentialsCommand.class, EstBootstrapCaCommand.class})
final class EstCommand extends GroupCommand {
}
