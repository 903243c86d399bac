package dev.moduleagent.localhub;

import dev.moduleagent.certs.cli.CertTools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the cert-tools command in-process with a fresh command line, as a user would from a shell.
 *
 * @param exitCode the exit code
 * @param out      standard output
 * @param err      standard error
 */
record CertToolsRun(int exitCode, String out, String err) {

    static CertToolsRun run(Map<String, String> environment, String... args) {
        CommandLine commandLine = CertTools.newCommandLine(environment::get);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new CertToolsRun(commandLine.execute(args), out.toString(), err.toString());
    }

    static CertToolsRun run(String... args) {
        return run(Map.of(), args);
    }

    /** Fails unless the command succeeded. */
    CertToolsRun ok() {
        if (exitCode != 0) {
            throw new AssertionError("exit " + exitCode + "\nout: " + out + "\nerr: " + err);
        }
        return this;
    }
}
