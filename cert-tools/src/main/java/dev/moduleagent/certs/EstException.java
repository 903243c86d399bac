package dev.moduleagent.certs;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An EST (RFC 7030) exchange that did not produce a usable result. {@link #getMessage()} is one line a user can act
 * on; {@link #reason()} lets a program decide (for example, an automatic renewal retries {@link #retryable()} ones).
 */
@ProviderType
public final class EstException extends CertificateToolException {

    private static final long serialVersionUID = 1L;

    /** Why the exchange failed. */
    public enum Reason {
        /** No connection: refused, unknown host, no route, timed out, or the connection was cut. */
        UNREACHABLE,
        /** TLS reached the server but its certificate does not chain to the given trust anchors or name the host. */
        UNTRUSTED_SERVER,
        /** HTTP 401: no or wrong credentials (Basic, or a client certificate the server does not accept). */
        UNAUTHORIZED,
        /** HTTP 403: authenticated, but not allowed to get this certificate. */
        FORBIDDEN,
        /** HTTP 202: the server has not issued the certificate within the allowed wait. */
        PENDING,
        /** The server's reply is not a readable PKCS#7 certs-only message (or holds no certificate). */
        MALFORMED_RESPONSE,
        /** The returned certificate is not for the requested subject or public key. */
        MISMATCH,
        /** Any other HTTP error status. */
        REFUSED,
        /** The thread was interrupted while waiting for a retry (its interrupt flag is set again). */
        INTERRUPTED
    }

    private final Reason reason;
    private final int httpStatus;

    /**
     * @param reason why it failed
     * @param httpStatus the HTTP status of the failing answer, or 0 when there was none
     * @param message one line naming the server and the problem
     * @param cause the underlying failure, or null
     */
    public EstException(Reason reason, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.httpStatus = httpStatus;
    }

    /** @return why it failed */
    public Reason reason() {
        return reason;
    }

    /** @return the HTTP status of the failing answer, or 0 when there was none */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return whether trying again later may succeed: unreachable, pending, or a 5xx/429 answer */
    public boolean retryable() {
        return reason == Reason.UNREACHABLE || reason == Reason.PENDING
                || reason == Reason.REFUSED && (httpStatus >= 500 || httpStatus == 429);
    }
}
