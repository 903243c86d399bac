package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateToolException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --ca-passphrase-file} / {@code --ca-passphrase-env}: the passphrase of a CA's private key. */
final class CaPassphraseOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--ca-passphrase-file", paramLabel = "FILE",
            description = "Read the CA key's passphrase from the first line of FILE.")
    private Path file;

    @Option(names = "--ca-passphrase-env", paramLabel = "NAME",
            description = "Read the CA key's passphrase from environment variable NAME.")
    private String variable;

    /** @return the passphrase, or null when none was given */
    char[] read() throws CertificateToolException {
        return PassphraseSource.read(spec, file, variable, "--ca-passphrase-file", "--ca-passphrase-env");
    }
}
