package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.EstClient;
import dev.moduleagent.certs.Pem;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How {@code enroll} authenticates to the EST server: HTTP Basic ({@code --username}, the password from a file or an
 * environment variable, never from the command line) and/or a bootstrap TLS client certificate.
 */
final class EstAuthOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--username", paramLabel = "NAME", description = "HTTP Basic user name.")
    private String username;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the Basic password from the first line of FILE.")
    private Path passwordFile;

    @Option(names = "--password-env", paramLabel = "NAME", description = "Read the Basic password from environment variable NAME.")
    private String passwordVariable;

    @Option(names = "--auth-cert", paramLabel = "FILE",
            description = "Bootstrap client certificate (chain, leaf first) for TLS client authentication.")
    private Path authCert;

    @Option(names = "--auth-key", paramLabel = "FILE", description = "Private key of --auth-cert (unencrypted).")
    private Path authKey;

    /** Adds the chosen credentials to the builder. */
    void apply(EstClient.Builder builder) throws CertificateToolException {
        if ((authCert == null) != (authKey == null)) {
            throw new ParameterException(spec.commandLine(), "--auth-cert and --auth-key go together");
        }
        boolean passwordGiven = passwordFile != null || passwordVariable != null;
        if ((username == null) == passwordGiven) {
            throw new ParameterException(spec.commandLine(), username == null
                    ? "--password-file/--password-env need --username"
                    : "--username needs --password-file or --password-env (never a password on the command line)");
        }
        if (username != null) {
            char[] password = PassphraseSource.read(spec, passwordFile, passwordVariable, "--password-file", "--password-env");
            builder.basicAuth(username, password);
            Arrays.fill(password, '\0');
        }
        if (authCert != null) {
            builder.clientCertificate(Pem.readPrivateKey(authKey, null), Pem.readCertificates(authCert));
        }
    }
}
