package dev.moduleagent.localhub.cli;

import dev.moduleagent.localhub.internal.est.EstAccess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code local-hub est credentials}: adds an HTTP Basic user for EST enrollment, or changes its password. */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = "Add an HTTP Basic user who may enroll (simpleenroll), or set its password. The password comes from a file or "
            + "an environment variable, never from the command line.")
final class EstCredentialsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = HubOptions.DEFAULT_DATA_DIR, paramLabel = "DIR",
            description = "The hub's data folder (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--username", required = true, paramLabel = "NAME", description = "The user name.")
    private String username;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE.")
    private Path passwordFile;

    @Option(names = "--password-env", paramLabel = "NAME", description = "Read the password from environment variable NAME.")
    private String passwordVariable;

    @Override
    public Integer call() throws Exception {
        char[] password = password();
        try {
            boolean added = new EstAccess(dataDir).setUser(username, password);
            spec.commandLine().getOut().println((added ? "added EST user " : "changed the password of EST user ") + username
                + " (" + dataDir.resolve("est").resolve("users") + ")");
        } finally {
            Arrays.fill(password, '\0');
        }
        return 0;
    }

    private char[] password() throws Exception {
        if ((passwordFile == null) == (passwordVariable == null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --password-file and --password-env");
        }
        if (passwordVariable != null) {
            String value = System.getenv(passwordVariable);
            if (value == null) {
                throw new IllegalArgumentException("environment variable " + passwordVariable + " is not set");
            }
            return value.toCharArray();
        }
        if (!Files.isRegularFile(passwordFile) || Files.size(passwordFile) > 4096) {
            throw new IllegalArgumentException(passwordFile + " is not a password file (a regular file of at most 4 KB)");
        }
        String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).replace("\r", "").toCharArray();
    }
}
