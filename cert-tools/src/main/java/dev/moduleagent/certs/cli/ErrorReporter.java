package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateToolException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on standard error and an exit code: 1 for a failure the user can fix (bad file,
 * wrong passphrase, failed check), 2 for a usage error. The stack trace follows only with {@code --verbose}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {

    /** Everything held. */
    static final int OK = 0;
    /** Bad input or a failed check. */
    static final int FAILURE = 1;
    /** Wrong command-line usage. */
    static final int USAGE = 2;

    private static final String VERBOSE = "--verbose";

    @Override
    public int getExitCode(Throwable exception) {
        return exception instanceof ParameterException ? USAGE : FAILURE;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine command, ParseResult parsed) {
        String message = exception instanceof CertificateToolException
                ? exception.getMessage()
                : "unexpected error: " + exception;
        report(command, oneLine(message), exception, isVerbose(parsed));
        return getExitCode(exception);
    }

    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        CommandLine command = exception.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        report(command, oneLine(exception.getMessage()) + " (see '" + name + " --help')", exception,
                Arrays.asList(args).contains(VERBOSE));
        return getExitCode(exception);
    }

    private static void report(CommandLine command, String line, Exception exception, boolean verbose) {
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + line);
        if (verbose) {
            exception.printStackTrace(err);
        }
        err.flush();
    }

    private static boolean isVerbose(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String message) {
        return message == null ? "failed" : message.replaceAll("\\s+", " ").trim();
    }
}
