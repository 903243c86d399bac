package dev.moduleagent.certs;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A failure that a user can fix: a missing or malformed file, a wrong passphrase, an invalid identity name, a key
 * that does not match a certificate. {@link #getMessage()} is one line that names the file or the value.
 */
@ProviderType
public class CertificateToolException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the problem and the file or value
     */
    public CertificateToolException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the problem and the file or value
     * @param cause the underlying failure, kept for {@code --verbose} output
     */
    public CertificateToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
