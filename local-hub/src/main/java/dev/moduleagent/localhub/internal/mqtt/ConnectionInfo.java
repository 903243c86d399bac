package dev.moduleagent.localhub.internal.mqtt;

import java.time.Instant;

/** What the service API shows about an identity's connection. */
public record ConnectionInfo(boolean connected, Instant stateUpdated, Instant lastActivity, String authMethod,
                             String sha1Thumbprint, String sha256Thumbprint) {

    static final ConnectionInfo NEVER = new ConnectionInfo(false, null, null, null, null, null);
}
