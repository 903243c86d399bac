package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateToolException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --passphrase-file} / {@code --passphrase-env}: the passphrase of the private key a command reads or writes. */
final class KeyPassphraseOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "Read the key's passphrase from the first line of FILE.")
    private Path file;

    @Option(names = "--passphrase-env", paramLabel = "NAME",
            description = "Read the key's passphrase from environment variable NAME.")
    private String variable;

    /** @return the passphrase, or null when none was given */
    char[] read() throws CertificateToolException {
        return PassphraseSource.read(spec, file, variable, "--passphrase-file", "--passphrase-env");
    }
}
