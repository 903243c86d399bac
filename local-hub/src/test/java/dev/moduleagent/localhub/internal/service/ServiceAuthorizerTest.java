package dev.moduleagent.localhub.internal.service;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.identity.Authentication;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.identity.IdentityRegistry;
import dev.moduleagent.localhub.internal.sas.AccessPolicies;
import dev.moduleagent.localhub.internal.sas.SharedAccessSignature;
import dev.moduleagent.localhub.internal.store.HubDatabase;
import dev.moduleagent.localhub.internal.twin.TwinService;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each reason a service API token is refused, and what each built-in policy may reach. */
class ServiceAuthorizerTest {

    private static final String HOST = "127.0.0.2";

    @TempDir
    Path folder;

    private HubDatabase database;
    private AccessPolicies policies;
    private ServiceAuthorizer authorizer;
    private String deviceKey;

    @BeforeEach
    void open() throws Exception {
        database = HubDatabase.open(folder);
        policies = AccessPolicies.loadOrCreate(database);
        IdentityRegistry identities = new IdentityRegistry(database, new TwinService(database, Clock.systemUTC()), 20, Clock.systemUTC());
        identities.load();
        deviceKey = identities.put(IdentityKey.device("d"), Authentication.fromJson(null), new JsonObject(), null).authentication().primaryKey();
        authorizer = new ServiceAuthorizer(HOST, policies, identities, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private String policyToken(String resource, String policy) {
        return SharedAccessSignature.create(resource, policy, policies.find(policy).orElseThrow().key(), Instant.now().plusSeconds(60));
    }

    private String refusal(String token, HttpMethod method, String uri) {
        return authorizer.refusal(token, ServiceRequest.of(method, uri, null, new byte[0]));
    }

    private static void assertRefused(String refusal, String expected) {
        assertTrue(refusal != null && refusal.contains(expected), "expected a refusal with '" + expected + "', got: " + refusal);
    }

    @Test
    void theOwnerReachesEverythingOnTheHubWhateverTheHostsCase() {
        assertNull(refusal(policyToken(HOST, "iothubowner"), HttpMethod.PUT, "/devices/x"));
        assertNull(refusal(policyToken(HOST, "iothubowner"), HttpMethod.GET, "/policies"));
        assertNull(refusal(policyToken(HOST + "/devices/d", "iothubowner"), HttpMethod.PATCH, "/twins/d"));
    }

    @Test
    void refusesMissingMalformedForeignExpiredAndForgedTokens() {
        assertRefused(refusal(null, HttpMethod.GET, "/devices"), "no Authorization header");
        assertRefused(refusal("Bearer x", HttpMethod.GET, "/devices"), "not a SharedAccessSignature");
        assertRefused(refusal(policyToken("127.0.0.20", "iothubowner"), HttpMethod.GET, "/devices"), "not for hub");
        assertRefused(refusal(SharedAccessSignature.create(HOST, "iothubowner", policies.owner().key(), Instant.now().minusSeconds(1)),
            HttpMethod.GET, "/devices"), "expired");
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        assertRefused(refusal(SharedAccessSignature.create(HOST, "iothubowner", otherKey, Instant.now().plusSeconds(60)),
            HttpMethod.GET, "/devices"), "signature does not match the key of policy iothubowner");
        assertRefused(refusal(SharedAccessSignature.create(HOST, "nobody", otherKey, Instant.now().plusSeconds(60)),
            HttpMethod.GET, "/devices"), "no shared access policy");
    }

    @Test
    void eachBuiltInPolicyHasIotHubsRights() {
        assertNull(refusal(policyToken(HOST, "registryRead"), HttpMethod.GET, "/devices/d/modules"));
        assertRefused(refusal(policyToken(HOST, "registryRead"), HttpMethod.DELETE, "/devices/d"), "needs RegistryWrite");
        assertNull(refusal(policyToken(HOST, "registryReadWrite"), HttpMethod.PUT, "/devices/d/modules/m"));
        assertRefused(refusal(policyToken(HOST, "registryReadWrite"), HttpMethod.GET, "/twins/d"), "needs ServiceConnect");
        assertNull(refusal(policyToken(HOST, "service"), HttpMethod.POST, "/twins/d/methods"));
        assertRefused(refusal(policyToken(HOST, "service"), HttpMethod.GET, "/devices"), "needs RegistryRead");
        assertRefused(refusal(policyToken(HOST, "device"), HttpMethod.GET, "/twins/d"), "grants DeviceConnect");
        assertRefused(refusal(policyToken(HOST, "service"), HttpMethod.GET, "/certificates"), "needs RegistryRead, RegistryWrite, DeviceConnect");
    }

    @Test
    void aScopeCoversItsIdentityAndWhatIsBelowItOnly() {
        String scopedToD = policyToken(HOST + "/devices/d", "iothubowner");
        assertNull(refusal(scopedToD, HttpMethod.GET, "/devices/d/modules/m"));
        assertRefused(refusal(scopedToD, HttpMethod.GET, "/twins/dd"), "does not cover 127.0.0.2/devices/dd");
        assertRefused(refusal(scopedToD, HttpMethod.GET, "/devices"), "does not cover 127.0.0.2/devices");
    }

    @Test
    void deviceCredentialsAreCheckedButGrantNoServiceRoute() {
        String valid = SharedAccessSignature.create(HOST + "/devices/d", null, deviceKey, Instant.now().plusSeconds(60));
        assertRefused(refusal(valid, HttpMethod.GET, "/twins/d"), "the device credentials of d grants DeviceConnect");
        String forged = SharedAccessSignature.create(HOST + "/devices/d", null, policies.owner().key(), Instant.now().plusSeconds(60));
        assertRefused(refusal(forged, HttpMethod.GET, "/twins/d"), "matches neither key of identity d");
        assertRefused(refusal(SharedAccessSignature.create(HOST + "/devices/nobody", null, deviceKey, Instant.now().plusSeconds(60)),
            HttpMethod.GET, "/twins/d"), "identity nobody has no symmetric keys");
        assertRefused(refusal(SharedAccessSignature.create(HOST, null, deviceKey, Instant.now().plusSeconds(60)),
            HttpMethod.GET, "/twins/d"), "must be scoped to");
    }
}
