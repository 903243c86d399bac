package dev.moduleagent.agent.internal.hub;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Names why a connection failed, from the causes the SDK wraps. The SDK says {@code IO_ERROR … network issues} for
 * an untrusted hub certificate, a wrong host name, a refused port and a timeout alike; the cause chain says which,
 * and what to check.
 */
final class FailureCause {

    private static final int MAX_DEPTH = 16;

    private FailureCause() {
    }

    /**
     * @param failure what the SDK threw or reported (may be {@code null})
     * @return one line naming the cause and what to check, or an empty string when nothing more is known
     */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            String named = name(cause);
            if (named != null) {
                return named;
            }
        }
        return "";
    }

    private static String name(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof CertPathValidatorException || message.contains("PKIX path")) {
            return "TLS: the hub's certificate is not trusted (check trust.file): " + firstLine(message);
        }
        if (cause instanceof CertificateException && (message.contains("subject alternative name")
                || message.contains("No name matching"))) {
            return "TLS: the hub's certificate does not name this host (check hub.host): " + firstLine(message);
        }
        if (cause instanceof SSLHandshakeException || (cause instanceof SSLException
                && message.contains("certificate"))) {
            return "TLS handshake failed: " + firstLine(message);
        }
        if (cause instanceof UnknownHostException) {
            return "DNS: the hub's host name does not resolve (check hub.host): " + firstLine(message);
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return "network: connection refused or no route (is the hub reachable on its port?): " + firstLine(message);
        }
        if (cause instanceof SocketTimeoutException) {
            return "network: timed out: " + firstLine(message);
        }
        if (message.contains("Not authorized") || message.contains("Bad user name or password")) {
            return "authentication refused by the hub (is the module registered for this certificate?): "
                    + firstLine(message);
        }
        return null;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
