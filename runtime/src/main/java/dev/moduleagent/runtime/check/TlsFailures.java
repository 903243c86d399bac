package dev.moduleagent.runtime.check;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;

/**
 * Names the layer of a failed TLS handshake from JSSE's exception: {@code trust} (the hub's certificate does not
 * chain to the configured CAs), {@code hostname} (it does not name the host), {@code auth} (the hub refused the
 * module's certificate with an alert), or {@code tls} (not a TLS server, no answer, anything else).
 */
final class TlsFailures {

    private TlsFailures() {
    }

    static CheckFailure classify(HubEndpoint endpoint, String trustName, IOException e) {
        if (e instanceof SocketTimeoutException) {
            return new CheckFailure("tls", endpoint + " accepted TCP but gave no TLS answer within the timeout", e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathBuilderException) {
                return new CheckFailure("trust", "the hub's certificate at " + endpoint + " is not signed by a CA in "
                        + trustName + " (untrusted hub CA: set trust.file to the hub's CA certificate)", e);
            }
            if (cause instanceof CertPathValidatorException) {
                return new CheckFailure("trust", "the hub's certificate at " + endpoint + " is not valid against "
                        + trustName + " (" + IdentityChecks.oneLine(cause.getMessage()) + ")", e);
            }
            if (cause instanceof CertificateException && isNameMismatch(cause.getMessage())) {
                return new CheckFailure("hostname", "the hub's certificate at " + endpoint + " does not name '"
                        + endpoint.host() + "' (" + IdentityChecks.oneLine(cause.getMessage()) + ")", e);
            }
        }
        String message = IdentityChecks.oneLine(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("received fatal alert") && (lower.contains("certificate") || lower.contains("access_denied")
                || lower.contains("unknown_ca"))) {
            return new CheckFailure("auth", "the hub refused the module's certificate during the TLS handshake ("
                    + message + "): is the module registered with this certificate's thumbprint or CA?", e);
        }
        if (lower.contains("unrecognized ssl message") || lower.contains("plaintext")) {
            return new CheckFailure("tls", endpoint + " does not speak TLS: wrong port, or not an IoT hub", e);
        }
        return new CheckFailure("tls", "TLS handshake with " + endpoint + " failed (" + message + ")", e);
    }

    private static boolean isNameMismatch(String message) {
        return message != null && (message.contains("No subject alternative") || message.contains("No name matching"));
    }
}
