package dev.moduleagent.localhub.internal.est;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One EST answer: status, headers and body. Errors carry a one-line text body for people using curl; the 401 that
 * asks for Basic credentials has an empty body, because Bouncy Castle's client fails on an unread body there.
 *
 * @param status  the HTTP status
 * @param headers extra headers (Content-Type, Content-Transfer-Encoding, WWW-Authenticate, Retry-After)
 * @param body    the body bytes (may be empty)
 */
record EstReply(int status, Map<String, String> headers, byte[] body) {

    static final String REALM = "local-hub EST";

    /** A base64 PKCS#7 certs-only answer ({@code application/pkcs7-mime; smime-type=certs-only}). */
    static EstReply certsOnly(byte[] base64) {
        return new EstReply(200, Map.of("Content-Type", "application/pkcs7-mime; smime-type=certs-only",
            "Content-Transfer-Encoding", "base64"), base64);
    }

    /** 401 asking for HTTP Basic credentials. */
    static EstReply challenge() {
        return new EstReply(401, Map.of("WWW-Authenticate", "Basic realm=\"" + REALM + "\""), new byte[0]);
    }

    /** An error with a one-line plain-text reason. */
    static EstReply error(int status, String reason) {
        return new EstReply(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
            (reason + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** 204: nothing to say (csrattrs: no required attributes). */
    static EstReply noContent() {
        return new EstReply(204, Map.of(), new byte[0]);
    }
}
