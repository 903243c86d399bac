package dev.moduleagent.localhub.internal.service;

import dev.moduleagent.localhub.internal.identity.Authentication;
import dev.moduleagent.localhub.internal.identity.AuthType;
import dev.moduleagent.localhub.internal.identity.Identity;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.identity.IdentityRegistry;
import dev.moduleagent.localhub.internal.sas.AccessPolicies;
import dev.moduleagent.localhub.internal.sas.AccessPolicy;
import dev.moduleagent.localhub.internal.sas.Permission;
import dev.moduleagent.localhub.internal.sas.ResourceScope;
import dev.moduleagent.localhub.internal.sas.SharedAccessSignature;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a service API request's {@code Authorization} header as IoT Hub does: a SAS token for this hub, not expired,
 * signed with the key of the policy it names ({@code skn}) or, without {@code skn}, with a key of the identity its
 * {@code sr} names; the signer's rights must include what the route needs ({@link RouteAccess}) and the token's scope
 * must cover the route's resource. Identity keys grant only DeviceConnect, which no service route accepts.
 * Every refusal is a 401 (IoT Hub answers {@code IotHubUnauthorizedAccess} for a wrong permission or scope too).
 */
final class ServiceAuthorizer {

    /** Who signed the token and what that grants; {@code refusal} set when the signature does not hold. */
    private record Signer(String who, Set<Permission> rights, String refusal) {

        static Signer refused(String why) {
            return new Signer(null, Set.of(), why);
        }
    }

    private final String hostName;
    private final AccessPolicies policies;
    private final IdentityRegistry identities;
    private final Clock clock;

    ServiceAuthorizer(String hostName, AccessPolicies policies, IdentityRegistry identities, Clock clock) {
        this.hostName = hostName;
        this.policies = policies;
        this.identities = identities;
        this.clock = clock;
    }

    /** Returns null when the header authorizes the request, else why not (never the token or a key). */
    String refusal(String header, ServiceRequest request) {
        if (header == null || header.isBlank()) {
            return "no Authorization header";
        }
        SharedAccessSignature token = SharedAccessSignature.parse(header.trim());
        if (token == null) {
            return "the Authorization header is not a SharedAccessSignature token";
        }
        ResourceScope scope = ResourceScope.parse(token.resource());
        if (!scope.isForHost(hostName)) {
            return "the token is for " + scope + ", not for hub " + hostName;
        }
        if (token.expiredAt(clock.instant())) {
            return "the token has expired";
        }
        Signer signer = token.keyName() == null ? identitySigner(token, scope) : policySigner(token);
        if (signer.refusal() != null) {
            return signer.refusal();
        }
        RouteAccess.Requirement need = RouteAccess.of(request);
        if (!signer.rights().containsAll(need.permissions())) {
            return signer.who() + " grants " + names(signer.rights()) + "; " + request.method() + " /"
                + String.join("/", request.path()) + " needs " + names(missing(need.permissions(), signer.rights()));
        }
        if (!scope.covers(need.resource())) {
            return "the token's scope " + scope + " does not cover " + hostName + "/" + String.join("/", need.resource());
        }
        return null;
    }

    private Signer policySigner(SharedAccessSignature token) {
        Optional<AccessPolicy> policy = policies.find(token.keyName());
        if (policy.isEmpty()) {
            return Signer.refused("the token names no shared access policy of this hub (skn=" + token.keyName() + ")");
        }
        if (!token.signedWith(policy.get().key())) {
            return Signer.refused("the token's signature does not match the key of policy " + policy.get().name());
        }
        return new Signer("policy " + policy.get().name(), policy.get().rights(), null);
    }

    /** A token without {@code skn} is signed with the symmetric key of the device or module its scope names. */
    private Signer identitySigner(SharedAccessSignature token, ResourceScope scope) {
        IdentityKey key = identityOf(scope.segments());
        if (key == null) {
            return Signer.refused("a token without skn (device credentials) must be scoped to " + hostName
                + "/devices/<id>[/modules/<id>]");
        }
        Optional<Identity> identity = identities.find(key);
        Authentication auth = identity.map(Identity::authentication).orElse(null);
        if (auth == null || auth.type() != AuthType.SAS) {
            return Signer.refused("identity " + key + " has no symmetric keys to sign the token with");
        }
        if (!token.signedWith(auth.primaryKey()) && !token.signedWith(auth.secondaryKey())) {
            return Signer.refused("the token's signature matches neither key of identity " + key);
        }
        return new Signer("the device credentials of " + key, EnumSet.of(Permission.DEVICE_CONNECT), null);
    }

    private static IdentityKey identityOf(List<String> segments) {
        if (segments.size() == 2 && segments.get(0).equals("devices")) {
            return IdentityKey.device(segments.get(1));
        }
        if (segments.size() == 4 && segments.get(0).equals("devices") && segments.get(2).equals("modules")) {
            return IdentityKey.module(segments.get(1), segments.get(3));
        }
        return null;
    }

    private static Set<Permission> missing(Set<Permission> needed, Set<Permission> granted) {
        Set<Permission> missing = EnumSet.copyOf(needed);
        missing.removeAll(granted);
        return missing;
    }

    private static String names(Set<Permission> permissions) {
        return permissions.isEmpty() ? "nothing" : permissions.stream().sorted().map(Permission::wireName).collect(Collectors.joining(", "));
    }
}
