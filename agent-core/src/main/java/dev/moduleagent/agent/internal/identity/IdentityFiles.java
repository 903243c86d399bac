package dev.moduleagent.agent.internal.identity;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the module identity is on disk.
 *
 * @param keyFile PEM private key ({@code key.file})
 * @param passphraseFile file holding the key's passphrase ({@code key.passphrase.file}), or {@code null}
 * @param certFile PEM certificate chain, leaf first ({@code cert.file})
 * @param trustFile PEM CA certificates to trust for the hub ({@code trust.file}), or {@code null} for the JDK's
 */
public record IdentityFiles(Path keyFile, Path passphraseFile, Path certFile, Path trustFile) {

    /** Checks the required files are named. */
    public IdentityFiles {
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(certFile, "certFile");
    }
}
