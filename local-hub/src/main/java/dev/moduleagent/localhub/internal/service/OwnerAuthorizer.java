package dev.moduleagent.localhub.internal.service;

import dev.moduleagent.localhub.internal.sas.SharedAccessSignature;
import java.time.Clock;
import java.util.Locale;

/**
 * Checks the service API's {@code Authorization} header: a SAS token of the {@code iothubowner} policy, for this
 * hub's host name (or a resource below it), not expired, signed with the owner key.
 */
final class OwnerAuthorizer {

    static final String POLICY = "iothubowner";

    private final String hostName;
    private final String ownerKey;
    private final Clock clock;

    OwnerAuthorizer(String hostName, String ownerKey, Clock clock) {
        this.hostName = hostName.toLowerCase(Locale.ROOT);
        this.ownerKey = ownerKey;
        this.clock = clock;
    }

    /** Returns null when the header authorizes the caller, else why not (without the token). */
    String refusal(String header) {
        if (header == null || header.isBlank()) {
            return "no Authorization header";
        }
        SharedAccessSignature token = SharedAccessSignature.parse(header.trim());
        if (token == null) {
            return "the Authorization header is not a SharedAccessSignature token";
        }
        if (!POLICY.equals(token.keyName())) {
            return "the token's policy (skn) must be " + POLICY;
        }
        String resource = token.resource().toLowerCase(Locale.ROOT);
        if (!resource.equals(hostName) && !resource.startsWith(hostName + "/")) {
            return "the token is for " + token.resource() + ", not for hub " + hostName;
        }
        if (token.expiredAt(clock.instant())) {
            return "the token has expired";
        }
        if (!token.signedWith(ownerKey)) {
            return "the token's signature does not match the owner key";
        }
        return null;
    }
}
