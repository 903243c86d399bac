package dev.moduleagent.certs.internal;

import dev.moduleagent.certs.EstException;
import dev.moduleagent.certs.EstException.Reason;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import org.bouncycastle.est.ESTException;

/** Turns what Bouncy Castle's EST client throws into one {@link EstException} with a reason a user can act on. */
public final class EstFailures {

    private static final Pattern NO_CHALLENGE = Pattern.compile("Status of (\\d{3}) but no WWW-Authenticate header");

    private EstFailures() {
    }

    /**
     * @param operation what was attempted, e.g. "simpleenroll"
     * @param endpoint the server
     * @param exchange what the exchange recorded (last HTTP status, host name check)
     * @param failure what BC threw
     * @return the classified failure
     */
    public static EstException classify(String operation, EstEndpoint endpoint, EstExchange exchange, Throwable failure) {
        String where = operation + " at " + endpoint.url();
        int status = exchange.lastStatus() > 0 ? exchange.lastStatus() : statusOf(failure);
        if (status >= 400) {
            return byStatus(where, status, failure);
        }
        if (status == 202) {
            return new EstException(Reason.PENDING, status, where + ": the server answered 202 (pending) "
                    + "without a usable Retry-After header (" + PemCodec.oneLine(failure) + ")", failure);
        }
        if (status == 200) {
            return malformed(where, PemCodec.oneLine(failure), failure);
        }
        if (exchange.hostMismatch()) {
            return new EstException(Reason.UNTRUSTED_SERVER, 0, where + ": TLS trust failure, not a network problem: "
                    + "the server's certificate does not name host " + host(endpoint), failure);
        }
        if (has(failure, CertificateException.class) || has(failure, CertPathValidatorException.class)) {
            return new EstException(Reason.UNTRUSTED_SERVER, 0, where + ": TLS trust failure, not a network problem: "
                    + "the server's certificate does not chain to the given trust anchors (--trust) ("
                    + PemCodec.oneLine(deepest(failure)) + ")", failure);
        }
        if (has(failure, SSLHandshakeException.class)) {
            return new EstException(Reason.UNTRUSTED_SERVER, 0, where + ": TLS handshake failed ("
                    + PemCodec.oneLine(deepest(failure)) + ")", failure);
        }
        if (isNetwork(failure)) {
            return new EstException(Reason.UNREACHABLE, 0, where + ": cannot reach the server ("
                    + PemCodec.oneLine(deepest(failure)) + ")", failure);
        }
        return new EstException(Reason.REFUSED, 0, where + ": failed (" + PemCodec.oneLine(deepest(failure)) + ")", failure);
    }

    /**
     * @param where the operation and server
     * @param detail what is wrong with the reply
     * @param cause the parse failure, or null
     * @return a {@link Reason#MALFORMED_RESPONSE} failure
     */
    public static EstException malformed(String where, String detail, Throwable cause) {
        return new EstException(Reason.MALFORMED_RESPONSE, 200, where + ": the server's reply is not a valid PKCS#7 "
                + "certs-only message (" + detail + ")", cause);
    }

    private static EstException byStatus(String where, int status, Throwable failure) {
        return switch (status) {
            case 401 -> new EstException(Reason.UNAUTHORIZED, status, where + ": HTTP 401, the server refused the "
                    + "credentials (check --username and the password, or the client certificate)", failure);
            case 403 -> new EstException(Reason.FORBIDDEN, status, where + ": HTTP 403, authenticated but not allowed "
                    + "to get this certificate (check the subject and the server's policy)", failure);
            default -> new EstException(Reason.REFUSED, status, where + ": the server answered HTTP " + status, failure);
        };
    }

    /**
     * The status BC put into its exception, when the answer never reached the recording client: BC's Basic
     * authentication reads the 401 itself and, without a WWW-Authenticate header, throws with status 0 and this text.
     */
    private static int statusOf(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof ESTException est && est.getStatusCode() > 0) {
                return est.getStatusCode();
            }
            Matcher matcher = t.getMessage() == null ? null : NO_CHALLENGE.matcher(t.getMessage());
            if (matcher != null && matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return 0;
    }

    private static boolean isNetwork(Throwable failure) {
        return has(failure, ConnectException.class) || has(failure, UnknownHostException.class)
                || has(failure, NoRouteToHostException.class) || has(failure, SocketTimeoutException.class)
                || has(failure, EOFException.class) || has(failure, SocketException.class);
    }

    private static String host(EstEndpoint endpoint) {
        String authority = endpoint.authority();
        return authority.substring(0, authority.lastIndexOf(':'));
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable deepest(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t.getCause() != null && t.getCause() != t && depth < 16; depth++) {
            t = t.getCause();
        }
        return t;
    }
}
