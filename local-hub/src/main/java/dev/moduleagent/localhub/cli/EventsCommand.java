package dev.moduleagent.localhub.cli;

import picocli.CommandLine.Command;

/** {@code local-hub events}: groups its subcommands. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Telemetry the hub received.",
        subcommands = {EventsTailCommand.class})
final class EventsCommand extends GroupCommand {
}
