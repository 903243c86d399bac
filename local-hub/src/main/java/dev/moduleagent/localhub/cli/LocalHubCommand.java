package dev.moduleagent.localhub.cli;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.cli.ErrorReporter;
import dev.moduleagent.cli.ExceptionMessages;
import dev.moduleagent.localhub.LocalHubException;
import dev.moduleagent.localhub.ServiceException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code local-hub} command: run an offline IoT Hub stand-in, and manage it through its service API. */
@Command(name = "local-hub", mixinStandardHelpOptions = true, version = "local-hub 0.1.0",
        description = "An offline Azure IoT Hub stand-in for the device SDK (MQTT + X.509), and its service CLI.",
        footer = {"", "Exit codes: 0 success, 1 failure, 2 usage error."},
        subcommands = {ServeCommand.class, DeviceCommand.class, ModuleCommand.class, ModulesCommand.class, CaCommand.class,
                TwinCommand.class, MethodCommand.class, EventsCommand.class, PoliciesCommand.class, EstCommand.class})
public final class LocalHubCommand implements Callable<Integer> {

    private static final ExceptionMessages MESSAGES = ((ExceptionMessages) LocalHubCommand::serviceMessage)
            .orElse(ExceptionMessages.ownMessageOf(LocalHubException.class, CertificateToolException.class,
                    IllegalArgumentException.class, IOException.class));

    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print the stack trace of a failure.")
    private boolean verbose;

    public static void main(String[] args) {
        int code = newCommandLine().execute(args);
        if (code != 0 || !ServeCommand.ran()) {
            System.exit(code);
        }
    }

    /** A command line with local-hub's error handling and exit codes. */
    public static CommandLine newCommandLine() {
        return ErrorReporter.install(new CommandLine(new LocalHubCommand()), MESSAGES)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** A service API error keeps its HTTP status and IoT Hub error code; the hub's own failures are messages. */
    private static String serviceMessage(Exception failure) {
        if (!(failure instanceof ServiceException service)) {
            return null;
        }
        return (service.status() > 0 ? service.status() + " " : "")
                + (service.errorCode() != null ? service.errorCode() + ": " : "") + service.getMessage();
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command (one of: "
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
