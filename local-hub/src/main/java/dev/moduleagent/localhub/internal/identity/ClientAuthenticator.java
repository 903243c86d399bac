package dev.moduleagent.localhub.internal.identity;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.ChainValidator;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.Thumbprints;
import dev.moduleagent.localhub.internal.sas.AccessPolicies;
import dev.moduleagent.localhub.internal.sas.AccessPolicy;
import dev.moduleagent.localhub.internal.sas.Permission;
import dev.moduleagent.localhub.internal.sas.ResourceScope;
import dev.moduleagent.localhub.internal.sas.SharedAccessSignature;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether an MQTT client may connect as an identity, as IoT Hub does: X.509 thumbprint (SHA-1 or SHA-256,
 * primary or secondary), X.509 CA (a verified CA, a valid chain, CN = {@code device/module}), or a SAS token (signed
 * with the identity's key, or with a DeviceConnect policy's key, scoped to cover the identity).
 * TLS accepts any client certificate; this is where it is judged.
 */
public final class ClientAuthenticator {

    private final IdentityRegistry registry;
    private final CaRegistry cas;
    private final AccessPolicies policies;
    private final String hostName;
    private final Clock clock;

    public ClientAuthenticator(IdentityRegistry registry, CaRegistry cas, AccessPolicies policies, String hostName, Clock clock) {
        this.registry = registry;
        this.cas = cas;
        this.policies = policies;
        this.hostName = hostName;
        this.clock = clock;
    }

    /**
     * @param password  the CONNECT password (a SAS token), or null
     * @param peerChain the client's certificates from the TLS handshake, leaf first; empty when it sent none
     */
    public AuthDecision authenticate(IdentityKey key, byte[] password, List<X509Certificate> peerChain) {
        Optional<Identity> identity = registry.find(key);
        if (identity.isEmpty()) {
            return AuthDecision.refuse("identity " + key + " is not registered");
        }
        if (!registry.enabled(key)) {
            return AuthDecision.refuse("device " + key.deviceId() + " is disabled");
        }
        Authentication auth = identity.get().authentication();
        switch (auth.type()) {
            case SELF_SIGNED:
                return byThumbprint(auth, peerChain);
            case CERTIFICATE_AUTHORITY:
                return byCertificateAuthority(key, peerChain);
            case SAS:
                return bySas(key, auth, password);
            default:
                return AuthDecision.refuse("identity " + key + " has authentication type none");
        }
    }

    private AuthDecision byThumbprint(Authentication auth, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return AuthDecision.refuse("no client certificate, the identity uses X.509 thumbprint authentication");
        }
        X509Certificate leaf = chain.get(0);
        String validity = validityProblem(leaf);
        if (validity != null) {
            return AuthDecision.refuse(validity);
        }
        String sha1 = Thumbprints.sha1(leaf);
        String sha256 = Thumbprints.sha256(leaf);
        if (!auth.matchesThumbprint(sha1, sha256)) {
            return AuthDecision.refuse("certificate thumbprint sha1=" + sha1 + " matches neither the primary nor the secondary thumbprint");
        }
        return AuthDecision.accept(AuthType.SELF_SIGNED, sha1, sha256);
    }

    private AuthDecision byCertificateAuthority(IdentityKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return AuthDecision.refuse("no client certificate, the identity uses X.509 CA authentication");
        }
        X509Certificate leaf = chain.get(0);
        String cn = IdentityName.fromCertificate(leaf).map(IdentityName::commonName).orElse(null);
        if (!key.clientId().equals(cn)) {
            return AuthDecision.refuse("certificate subject " + leaf.getSubjectX500Principal().getName()
                + " does not name CN=" + key.clientId());
        }
        String validity = validityProblem(leaf);
        if (validity != null) {
            return AuthDecision.refuse(validity);
        }
        List<X509Certificate> anchors = cas.verifiedCertificates();
        try {
            if (anchors.isEmpty()) {
                return AuthDecision.refuse(noVerifiedCa(leaf));
            }
            ChainValidator.validate(chain, anchors, clock.instant());
        } catch (CertificateToolException e) {
            return AuthDecision.refuse(cas.hasUnverified(leaf.getIssuerX500Principal()) ? noVerifiedCa(leaf)
                : "certificate chain is not trusted: " + e.getMessage());
        }
        return AuthDecision.accept(AuthType.CERTIFICATE_AUTHORITY, Thumbprints.sha1(leaf), Thumbprints.sha256(leaf));
    }

    private String noVerifiedCa(X509Certificate leaf) {
        boolean unverified = cas.hasUnverified(leaf.getIssuerX500Principal());
        return "issuer " + leaf.getIssuerX500Principal().getName()
            + (unverified ? " was uploaded but is not verified" : " is not a verified CA of this hub");
    }

    /**
     * A SAS token signed with one of the identity's keys, or (with {@code skn}) with the key of a policy that has
     * DeviceConnect; either way its scope must cover {@code host/devices/<d>[/modules/<m>]} (a prefix by segment).
     */
    private AuthDecision bySas(IdentityKey key, Authentication auth, byte[] password) {
        if (password == null) {
            return AuthDecision.refuse("no SAS token in the CONNECT password, the identity uses SAS authentication");
        }
        SharedAccessSignature token = SharedAccessSignature.parse(new String(password, StandardCharsets.UTF_8));
        if (token == null) {
            return AuthDecision.refuse("the CONNECT password is not a SAS token");
        }
        ResourceScope scope = ResourceScope.parse(token.resource());
        if (!scope.isForHost(hostName) || !scope.covers(ResourceScope.identity(key.deviceId(), key.moduleId()))) {
            return AuthDecision.refuse("the SAS token is for " + scope + ", which does not cover " + hostName + "/devices/"
                + key.deviceId() + (key.isModule() ? "/modules/" + key.moduleId() : ""));
        }
        if (token.expiredAt(clock.instant())) {
            return AuthDecision.refuse("the SAS token has expired");
        }
        String signer = token.keyName() == null ? identitySignature(token, auth) : policySignature(token);
        return signer == null ? AuthDecision.accept(AuthType.SAS, null, null) : AuthDecision.refuse(signer);
    }

    private static String identitySignature(SharedAccessSignature token, Authentication auth) {
        if (!token.signedWith(auth.primaryKey()) && !token.signedWith(auth.secondaryKey())) {
            return "the SAS token is signed with neither the primary nor the secondary key";
        }
        return null;
    }

    private String policySignature(SharedAccessSignature token) {
        Optional<AccessPolicy> policy = policies.find(token.keyName());
        if (policy.isEmpty() || !policy.get().rights().contains(Permission.DEVICE_CONNECT)) {
            return "the SAS token's policy (skn=" + token.keyName() + ") is not a policy of this hub with DeviceConnect";
        }
        if (!token.signedWith(policy.get().key())) {
            return "the SAS token's signature does not match the key of policy " + policy.get().name();
        }
        return null;
    }

    private String validityProblem(X509Certificate leaf) {
        Instant now = clock.instant();
        try {
            leaf.checkValidity(Date.from(now));
            return null;
        } catch (CertificateExpiredException e) {
            return "certificate expired at " + leaf.getNotAfter().toInstant();
        } catch (CertificateNotYetValidException e) {
            return "certificate is not valid before " + leaf.getNotBefore().toInstant();
        }
    }
}
