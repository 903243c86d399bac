package dev.moduleagent.localhub.cli;

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
        ErrorReporter reporter = new ErrorReporter();
        return new CommandLine(new LocalHubCommand())
                .setExecutionExceptionHandler(reporter)
                .setParameterExceptionHandler(reporter)
                .setExitCodeExceptionMapper(reporter)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command (one of: "
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
