package dev.moduleagent.localhub.internal.identity;

/**
 * The outcome of authenticating an MQTT client: accepted (with the thumbprints of the certificate it used, if any)
 * or refused with the reason the hub logs.
 */
public record AuthDecision(boolean accepted, AuthType method, String reason, String sha1Thumbprint, String sha256Thumbprint) {

    static AuthDecision accept(AuthType method, String sha1, String sha256) {
        return new AuthDecision(true, method, null, sha1, sha256);
    }

    static AuthDecision refuse(String reason) {
        return new AuthDecision(false, null, reason, null, null);
    }
}
