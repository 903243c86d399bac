package dev.moduleagent.runtime;

import dev.moduleagent.cli.ErrorReporter;
import dev.moduleagent.cli.ExceptionMessages;
import dev.moduleagent.runtime.check.CheckFailure;
import dev.moduleagent.runtime.internal.RuntimeVersions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code module-agent} command: {@code run} (the default) starts the agent of a distribution, {@code demo} shows
 * the whole flow against an in-process local hub. Exit codes: 0 ok, 1 failure, 2 usage (errors reported by
 * cli-support's {@link ErrorReporter}, as in cert-tools and local-hub).
 */
@Command(name = "module-agent", mixinStandardHelpOptions = true, versionProvider = ModuleAgentCli.Version.class,
        description = "Azure IoT Hub module agent hosted in Apache Felix. Without a subcommand: run.")
public final class ModuleAgentCli implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", description = "Print stack traces of failures.", scope = CommandLine.ScopeType.INHERIT)
    private boolean verbose;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * @return a fresh command line with the project's exit-code and error-output conventions: {@code run},
     *     {@code check}, the subcommands found on the class path ({@code demo} in the developer kit), {@code help}
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ModuleAgentCli());
        commandLine.addSubcommand(new RunCommand());
        commandLine.addSubcommand(new CheckCommand());
        for (ModuleAgentSubcommand extra : ServiceLoader.load(ModuleAgentSubcommand.class,
                ModuleAgentCli.class.getClassLoader())) {
            commandLine.addSubcommand(extra);
        }
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        return ErrorReporter.install(commandLine, ExceptionMessages.ownMessageOf(CheckFailure.class,
                LaunchException.class, IOException.class, IllegalArgumentException.class));
    }

    /**
     * Prints a failure the way every subcommand does: one line, and the stack trace only with {@code --verbose}.
     *
     * @param err where to print
     * @param prefix for example {@code "module-agent"}
     * @param failure the failure
     */
    public void printFailure(PrintWriter err, String prefix, Exception failure) {
        ErrorReporter.print(err, prefix, failure.getMessage(), failure, verbose);
    }

    @Override
    public Integer call() {
        return spec.subcommands().get("run").execute();
    }

    /** Reports the version this launcher was built as. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"module-agent " + RuntimeVersions.current().agent()};
        }
    }
}
