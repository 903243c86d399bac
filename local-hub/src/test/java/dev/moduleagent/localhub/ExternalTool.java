package dev.moduleagent.localhub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program of the machine (curl, openssl) in a folder, with a deadline; output goes to files so that a chatty
 * program never blocks on a full pipe.
 *
 * @param exitCode the exit code
 * @param out      standard output
 * @param err      standard error
 */
record ExternalTool(int exitCode, String out, String err) {

    /** @return whether the program is on the PATH */
    static boolean available(String program) {
        try {
            return new ProcessBuilder(program, "--version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(20, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static ExternalTool run(Path folder, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        Process process = new ProcessBuilder(List.of(command)).directory(folder.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        ExternalTool result = new ExternalTool(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    /** Fails unless the program exited 0. */
    ExternalTool ok() {
        if (exitCode != 0) {
            throw new AssertionError("exit " + exitCode + "\nout: " + out + "\nerr: " + err);
        }
        return this;
    }
}
