package dev.moduleagent.localhub.cli;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.localhub.LocalHubException;
import dev.moduleagent.localhub.ServiceException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Turns every failure into one line on standard error and an exit code (1 failure, 2 usage); stack traces only with --verbose. */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {

    static final int FAILURE = 1;
    static final int USAGE = 2;
    private static final String VERBOSE = "--verbose";

    @Override
    public int getExitCode(Throwable exception) {
        return exception instanceof ParameterException ? USAGE : FAILURE;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine command, ParseResult parsed) {
        String message;
        if (exception instanceof ServiceException service) {
            message = (service.status() > 0 ? service.status() + " " : "")
                + (service.errorCode() != null ? service.errorCode() + ": " : "") + service.getMessage();
        } else if (exception instanceof LocalHubException || exception instanceof CertificateToolException
            || exception instanceof IllegalArgumentException || exception instanceof java.io.IOException) {
            message = exception.getMessage();
        } else {
            message = "unexpected error: " + exception;
        }
        report(command, oneLine(message), exception, isVerbose(parsed));
        return getExitCode(exception);
    }

    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        CommandLine command = exception.getCommandLine();
        report(command, oneLine(exception.getMessage()) + " (see '" + command.getCommandSpec().qualifiedName() + " --help')",
            exception, Arrays.asList(args).contains(VERBOSE));
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
