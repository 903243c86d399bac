package dev.moduleagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The error contract all three commands share: one line, exit codes 0/1/2, stack traces only with --verbose. */
class ErrorReporterTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void givenAnExpectedFailure_whenRun_thenOneLineNamingCommandAndSubcommandAndExit1() {
        assertEquals(1, run("fail", "--with", "typed"));
        assertEquals(List.of("tool fail: key.pem: no such file (check --key)"), errLines());
        assertEquals("", out.toString());
    }

    @Test
    void givenAnUnexpectedFailure_whenRun_thenItIsNamedUnexpectedWithItsTypeAndExit1() {
        assertEquals(1, run("fail", "--with", "defect"));
        assertEquals(List.of("tool fail: unexpected error: java.lang.IllegalStateException: a defect"), errLines());
    }

    @Test
    void givenAMultiLineMessage_whenRun_thenItIsFoldedIntoOneLine() {
        assertEquals(1, run("fail", "--with", "multiline"));
        assertEquals(List.of("tool fail: first line second line"), errLines());
    }

    @Test
    void givenAFailureWithoutMessage_whenRun_thenTheLineSaysFailed() {
        assertEquals(1, run("fail", "--with", "silent"));
        assertEquals(List.of("tool fail: failed"), errLines());
    }

    @Test
    void givenAnUnknownOption_whenRun_thenUsageLinePointsToHelpAndExit2() {
        assertEquals(2, run("fail", "--no-such-option"));
        assertEquals(List.of("tool fail: Unknown option: '--no-such-option' (see 'tool fail --help')"), errLines());
    }

    @Test
    void givenAUsageErrorRaisedByTheCommand_whenRun_thenExit2WithTheSameLine() {
        assertEquals(2, run("fail", "--with", "usage"));
        assertEquals(List.of("tool fail: --with usage needs --key too (see 'tool fail --help')"), errLines());
    }

    @Test
    void givenNoVerbose_whenAnythingFails_thenNoStackTrace() {
        run("fail", "--with", "defect");
        run("fail", "--no-such-option");
        assertFalse(err.toString().contains("\tat "), err.toString());
    }

    @Test
    void givenVerbose_whenAFailureOrAUsageErrorHappens_thenTheStackTraceFollowsTheLine() {
        assertEquals(1, run("fail", "--verbose", "--with", "defect"));
        assertTrue(err.toString().startsWith("tool fail: unexpected error: "), err.toString());
        assertTrue(err.toString().contains("\tat dev.moduleagent.cli.ErrorReporterTest$Fail.call"), err.toString());

        StringWriter usage = new StringWriter();
        assertEquals(2, run(usage, "--verbose", "fail", "--no-such-option"));
        assertTrue(usage.toString().contains("\tat picocli.CommandLine"), usage.toString());
    }

    @Test
    void givenSuccess_whenRun_thenExit0AndNothingOnStandardError() {
        assertEquals(ErrorReporter.OK, run("fail", "--with", "nothing"));
        assertEquals("", err.toString());
    }

    @Test
    void messagesFallBackInOrderAndOwnMessagesMatchSubtypes() {
        ExceptionMessages messages = ((ExceptionMessages) e -> e instanceof ToolException t ? "tool: " + t.getMessage()
                : null).orElse(ExceptionMessages.ownMessageOf(IOException.class));
        assertEquals("tool: x", messages.messageOf(new ToolException("x")));
        assertEquals("f.pem", messages.messageOf(new FileNotFoundException("f.pem")));
        assertEquals(null, messages.messageOf(new IllegalStateException("y")));
    }

    @Test
    void printIsTheSameLineForCommandsThatCatchTheirOwnFailures() {
        StringWriter caught = new StringWriter();
        ErrorReporter.print(new PrintWriter(caught), "module-agent", "config: a.cfg:\n  missing hub.host",
                new ToolException("x"), false);
        assertEquals("module-agent: config: a.cfg: missing hub.host" + System.lineSeparator(), caught.toString());
    }

    private int run(String... args) {
        return run(err, args);
    }

    private int run(StringWriter errors, String... args) {
        CommandLine commandLine = ErrorReporter.install(new CommandLine(new Tool()),
                ExceptionMessages.ownMessageOf(ToolException.class));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(errors, true));
        return commandLine.execute(args);
    }

    private List<String> errLines() {
        return err.toString().lines().toList();
    }

    /** A typed failure of the domain code: its message is meant for the user. */
    static final class ToolException extends Exception {
        ToolException(String message) {
            super(message);
        }
    }

    @Command(name = "tool", subcommands = Fail.class)
    static final class Tool implements Callable<Integer> {
        @Option(names = "--verbose", scope = ScopeType.INHERIT)
        boolean verbose;

        @Override
        public Integer call() {
            return ErrorReporter.OK;
        }
    }

    @Command(name = "fail")
    static final class Fail implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--with")
        String with = "nothing";

        @Override
        public Integer call() throws Exception {
            return switch (with) {
                case "typed" -> throw new ToolException("key.pem: no such file (check --key)");
                case "defect" -> throw new IllegalStateException("a defect");
                case "multiline" -> throw new ToolException("first line\n  second line");
                case "silent" -> throw new ToolException(null);
                case "usage" -> throw new ParameterException(spec.commandLine(), "--with usage needs --key too");
                default -> ErrorReporter.OK;
            };
        }
    }
}
