package dev.moduleagent.certs.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs cert-tools in-process with a fresh command line, as a user would from a shell.
 *
 * @param exitCode the exit code
 * @param out what went to standard output
 * @param err what went to standard error
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    static CliRun run(Map<String, String> environment, String... args) {
        CommandLine commandLine = CertTools.newCommandLine(environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** @return the lines written to standard error */
    String[] errLines() {
        return err.isEmpty() ? new String[0] : err.split("\\R");
    }

    /** Fails unless the command succeeded. */
    CliRun ok() {
        if (exitCode != 0) {
            throw new AssertionError("exit " + exitCode + "\nout: " + out + "\nerr: " + err);
        }
        return this;
    }

    /** @return the value after "label" on the first output line that starts with it */
    String line(String label) {
        for (String line : out.split("\\R")) {
            if (line.startsWith(label)) {
                return line.substring(label.length()).trim();
            }
        }
        throw new AssertionError("no line starting with '" + label + "' in:\n" + out);
    }

    /** @return the first output line containing the fragment, trimmed */
    String lineContaining(String fragment) {
        for (String line : out.split("\\R")) {
            if (line.contains(fragment)) {
                return line.trim();
            }
        }
        throw new AssertionError("no line containing '" + fragment + "' in:\n" + out);
    }
}
