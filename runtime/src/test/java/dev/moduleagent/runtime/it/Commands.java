package dev.moduleagent.runtime.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a short command to its end (output and errors together), killing it when it outlives its deadline. */
final class Commands {

    private Commands() {
    }

    record Result(int exitCode, String output) {
    }

    static Result run(List<String> command, Map<String, String> environment, Path workDir, Duration deadline)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        Path output = Files.createTempFile("command", ".out");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(command + " did not end within " + deadline.toSeconds() + " s:\n"
                        + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            process.destroyForcibly().waitFor();
            Files.deleteIfExists(output);
        }
    }

    static Result run(String... command) throws IOException, InterruptedException {
        return run(List.of(command), Map.of(), null, Duration.ofSeconds(60));
    }
}
