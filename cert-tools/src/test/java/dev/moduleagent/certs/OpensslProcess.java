package dev.moduleagent.certs;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the machine's openssl for interoperability tests; fails (never skips) when it is missing. */
public final class OpensslProcess {

    private static final long TIMEOUT_SECONDS = 60;

    /** What openssl did. */
    public record Result(int exitCode, String output) {
    }

    private OpensslProcess() {
    }

    /** @return the openssl executable: $OPENSSL, else /usr/bin/openssl, else the first on PATH */
    public static String executable() {
        String configured = System.getenv("OPENSSL");
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured))) {
                fail("OPENSSL=" + configured + " is not an executable file; the interoperability tests need openssl");
            }
            return configured;
        }
        if (Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            return "/usr/bin/openssl";
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "openssl"))) {
                return Path.of(dir, "openssl").toString();
            }
        }
        fail("openssl is required by the interoperability tests but was not found (install it, e.g. apt-get install "
                + "openssl, or set OPENSSL=/path/to/openssl)");
        return null;
    }

    /**
     * Runs openssl in {@code dir}; stdout and stderr are merged.
     *
     * @param dir working folder
     * @param args arguments after "openssl"
     * @return exit code and output
     */
    public static Result run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("openssl", ".out");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    fail("openssl " + String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
            } finally {
                process.destroyForcibly();
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Runs openssl and fails the test with its output unless it exits 0. */
    public static String ok(Path dir, String... args) throws IOException, InterruptedException {
        Result result = run(dir, args);
        if (result.exitCode() != 0) {
            fail("openssl " + String.join(" ", args) + " exited " + result.exitCode() + ": " + result.output());
        }
        return result.output();
    }
}
