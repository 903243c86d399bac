package dev.moduleagent.localhub.internal.service;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.moduleagent.localhub.internal.sas.SharedAccessSignature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class OwnerAuthorizerTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
    private final OwnerAuthorizer authorizer = new OwnerAuthorizer("127.0.0.2", KEY, Clock.systemUTC());

    @Test
    void acceptsOwnerTokensForTheHubOrAResourceBelowIt() {
        assertNull(authorizer.refusal(SharedAccessSignature.create("127.0.0.2", "iothubowner", KEY, Instant.now().plusSeconds(60))));
        assertNull(authorizer.refusal(SharedAccessSignature.create("127.0.0.2/devices", "iothubowner", KEY, Instant.now().plusSeconds(60))));
    }

    @Test
    void refusesOtherHostsPoliciesKeysAndExpiredTokens() {
        assertNotNull(authorizer.refusal(null));
        assertNotNull(authorizer.refusal(SharedAccessSignature.create("127.0.0.3", "iothubowner", KEY, Instant.now().plusSeconds(60))));
        assertNotNull(authorizer.refusal(SharedAccessSignature.create("127.0.0.20", "iothubowner", KEY, Instant.now().plusSeconds(60))));
        assertNotNull(authorizer.refusal(SharedAccessSignature.create("127.0.0.2", "service", KEY, Instant.now().plusSeconds(60))));
        assertNotNull(authorizer.refusal(SharedAccessSignature.create("127.0.0.2", null, KEY, Instant.now().plusSeconds(60))));
        assertNotNull(authorizer.refusal(SharedAccessSignature.create("127.0.0.2", "iothubowner", KEY, Instant.now().minusSeconds(1))));
        String otherKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertNotNull(authorizer.refusal(SharedAccessSignature.create("127.0.0.2", "iothubowner", otherKey, Instant.now().plusSeconds(60))));
    }
}
