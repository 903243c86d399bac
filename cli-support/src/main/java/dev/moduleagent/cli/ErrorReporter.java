package dev.moduleagent.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The error handling of every command of the project: a failure becomes one line on standard error,
 * {@code <command>: <what went wrong and what to fix>}, and an exit code: {@value #FAILURE} for a failure the user can
 * fix (bad file, wrong passphrase, failed check, unreachable server), {@value #USAGE} for wrong usage (then the line
 * points to {@code --help}). The stack trace follows only with {@code --verbose} (an inherited option each command
 * declares).
 */
public final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler,
        IExitCodeExceptionMapper {

    /** Everything held. */
    public static final int OK = 0;
    /** Bad input, a failed check, or a failure of the environment. */
    public static final int FAILURE = 1;
    /** Wrong command-line usage. */
    public static final int USAGE = 2;
    /** The option that asks for stack traces. */
    public static final String VERBOSE = "--verbose";

    private final ExceptionMessages messages;

    /** @param messages how the command's expected failures become a line */
    public ErrorReporter(ExceptionMessages messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    /**
     * @param commandLine a fresh command line
     * @param messages how the command's expected failures become a line
     * @return the same command line, reporting errors this way
     */
    public static CommandLine install(CommandLine commandLine, ExceptionMessages messages) {
        ErrorReporter reporter = new ErrorReporter(messages);
        return commandLine.setExecutionExceptionHandler(reporter)
                .setParameterExceptionHandler(reporter)
                .setExitCodeExceptionMapper(reporter);
    }

    @Override
    public int getExitCode(Throwable exception) {
        return exception instanceof ParameterException ? USAGE : FAILURE;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine command, ParseResult parsed) {
        if (exception instanceof ParameterException usage) {
            return handleParseException(usage, new String[0]);
        }
        String message = messages.messageOf(exception);
        print(command.getErr(), command.getCommandSpec().qualifiedName(),
                message == null ? "unexpected error: " + exception : message, exception, isVerbose(parsed));
        return getExitCode(exception);
    }

    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        CommandLine command = exception.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        boolean verbose = Arrays.asList(args).contains(VERBOSE) || isVerbose(command.getParseResult());
        print(command.getErr(), name, exception.getMessage() + " (see '" + name + " --help')", exception, verbose);
        return getExitCode(exception);
    }

    /**
     * Prints a failure the way every command does: one line, then the stack trace only when asked for. For commands
     * that catch a failure themselves and go on (or return their own exit code).
     *
     * @param err where to print
     * @param prefix the command, for example {@code "module-agent"}
     * @param message the line; blank space (new lines of a multi-line message) is folded into single spaces
     * @param failure the failure behind it
     * @param verbose whether to print the stack trace
     */
    public static void print(PrintWriter err, String prefix, String message, Throwable failure, boolean verbose) {
        err.println(prefix + ": " + oneLine(message));
        if (verbose && failure != null) {
            failure.printStackTrace(err);
        }
        err.flush();
    }

    /**
     * @param parsed what picocli parsed (may be {@code null})
     * @return whether {@code --verbose} was given at any level of the command
     */
    public static boolean isVerbose(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String message) {
        return message == null || message.isBlank() ? "failed" : message.replaceAll("\\s+", " ").trim();
    }
}
