package dev.moduleagent.localhub.internal.amqp;

import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.identity.AuthDecision;
import dev.moduleagent.localhub.internal.identity.AuthType;
import dev.moduleagent.localhub.internal.identity.Identity;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.mqtt.ClientConnection;
import dev.moduleagent.localhub.internal.mqtt.SubscriptionKind;
import dev.moduleagent.localhub.internal.sas.SharedAccessSignature;
import dev.moduleagent.localhub.internal.store.StoreException;
import dev.moduleagent.localhub.internal.tls.PeerCertificates;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identities authenticated on one AMQP connection, as IoT Hub does it for the SDK: an X.509 identity by the TLS
 * client certificate when its first link attaches, a SAS identity by a CBS put-token (valid until the token's
 * expiry, renewed by later put-tokens). Each joins the hub's session registry, so a newer connection of the same
 * identity, over any transport, closes this one.
 */
final class AmqpIdentities {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpIdentities.class);
    /** A connection that has authenticated no identity by then is closed. */
    static final Duration AUTHENTICATION_DEADLINE = Duration.ofSeconds(20);
    /** IoT Hub's limit of device sessions on one (multiplexed) connection. */
    static final int MAX_IDENTITIES = 1000;

    /** One authenticated identity: its registry entry and, for SAS, when its token ends. */
    private record Entry(ClientConnection client, Instant expiry) {
    }

    private final AmqpConnection connection;
    private final HubCore core;
    private final Instant openedAt;
    private final Map<IdentityKey, Entry> entries = new LinkedHashMap<>();

    AmqpIdentities(AmqpConnection connection, HubCore core) {
        this.connection = connection;
        this.core = core;
        this.openedAt = core.clock().instant();
    }

    /** Null when links of this identity may attach; otherwise why not. X.509 identities authenticate here. */
    String authorizeLink(IdentityKey key) {
        Entry entry = entries.get(key);
        if (entry != null) {
            return null;
        }
        Optional<Identity> identity = core.identities().find(key);
        if (identity.isPresent() && identity.get().authentication().type() == AuthType.SAS) {
            return "no valid CBS put-token for " + key + ", the identity uses SAS authentication";
        }
        AuthDecision decision = core.authenticator().authenticate(key, null, PeerCertificates.of(connection.context().channel()));
        if (!decision.accepted()) {
            return decision.reason();
        }
        return register(key, decision, null);
    }

    /**
     * A CBS put-token: the token's resource names the identity ({@code <host>/devices/<d>[/modules/<m>]}; the SDK's
     * {@code name} always names the device). Returns null when accepted, else the reason.
     */
    String putToken(String token) {
        SharedAccessSignature sas = SharedAccessSignature.parse(token);
        if (sas == null) {
            return "the CBS put-token body is not a SAS token";
        }
        IdentityKey key = identityOf(sas.resource());
        if (key == null) {
            return "the SAS token's resource " + sas.resource() + " names no device or module";
        }
        AuthDecision decision = core.authenticator().authenticate(key, token.getBytes(StandardCharsets.UTF_8), List.of());
        if (!decision.accepted()) {
            return decision.reason();
        }
        Entry entry = entries.get(key);
        if (entry != null) {
            entries.put(key, new Entry(entry.client(), sas.expiry()));
            LOG.debug("amqp token renewed id={} expiry={}", key, sas.expiry());
            return null;
        }
        return register(key, decision, sas.expiry());
    }

    private String register(IdentityKey key, AuthDecision decision, Instant expiry) {
        if (entries.size() >= MAX_IDENTITIES) {
            return "more than " + MAX_IDENTITIES + " identities on one connection";
        }
        ClientConnection client = ClientConnection.of(key, decision, core.clock().instant(), new AmqpOutbound(connection, key));
        try {
            core.sessions().attach(client);
        } catch (StoreException e) {
            LOG.warn("amqp session not stored id={} reason=\"{}\"", key, e.getMessage());
            return "the hub could not record the session";
        }
        entries.put(key, new Entry(client, expiry));
        LOG.info("client connected id={} transport=amqp auth={} thumbprint={} remote={}", key,
            decision.method().wireName(), decision.sha1Thumbprint(), connection.context().channel().remoteAddress());
        return null;
    }

    /** Records what the identity's links subscribe to (methods, desired properties), or drop. */
    void subscription(IdentityKey key, SubscriptionKind kind, boolean subscribed) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return;
        }
        try {
            if (subscribed) {
                core.sessions().subscribe(entry.client(), EnumSet.of(kind));
            } else {
                core.sessions().unsubscribe(entry.client(), EnumSet.of(kind));
            }
        } catch (StoreException e) {
            LOG.warn("amqp subscription not stored id={} kind={} reason=\"{}\"", key, kind, e.getMessage());
        }
    }

    /** Closes the connection when a SAS token ran out without renewal, or nobody authenticated in time. */
    void checkDeadlines() {
        Instant now = core.clock().instant();
        for (Map.Entry<IdentityKey, Entry> e : entries.entrySet()) {
            Instant expiry = e.getValue().expiry();
            if (expiry != null && !now.isBefore(expiry)) {
                connection.closeWith(AmqpErrors.UNAUTHORIZED, "the SAS token of " + e.getKey() + " expired at " + expiry);
                return;
            }
        }
        if (entries.isEmpty() && now.isAfter(openedAt.plus(AUTHENTICATION_DEADLINE))) {
            connection.closeWith(AmqpErrors.UNAUTHORIZED, "no identity authenticated within "
                + AUTHENTICATION_DEADLINE.toSeconds() + " s");
        }
    }

    void touch() {
        Instant now = core.clock().instant();
        entries.values().forEach(e -> e.client().touch(now));
    }

    void detachAll() {
        for (Entry entry : entries.values()) {
            core.sessions().detach(entry.client());
            LOG.info("client disconnected id={} transport=amqp", entry.client().identity());
        }
        entries.clear();
    }

    String names() {
        return entries.isEmpty() ? "-" : String.join(",", entries.keySet().stream().map(IdentityKey::clientId).toList());
    }

    private static IdentityKey identityOf(String resource) {
        int at = resource.indexOf("/devices/");
        if (at < 0) {
            return null;
        }
        String rest = resource.substring(at + "/devices/".length());
        String[] parts = rest.split("/", -1);
        if (parts.length == 1 && !parts[0].isEmpty()) {
            return IdentityKey.device(parts[0]);
        }
        if (parts.length == 3 && parts[1].equals("modules") && !parts[0].isEmpty() && !parts[2].isEmpty()) {
            return IdentityKey.module(parts[0], parts[2]);
        }
        return null;
    }
}
