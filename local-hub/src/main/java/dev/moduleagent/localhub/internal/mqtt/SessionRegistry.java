package dev.moduleagent.localhub.internal.mqtt;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.store.DocumentTable;
import dev.moduleagent.localhub.internal.store.HubDatabase;
import dev.moduleagent.localhub.internal.store.StoreException;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live connections (one per identity: a newer connection closes the older, as IoT Hub does) and the persistent
 * sessions of cleanSession=false clients. The SDK does not re-subscribe desired properties or methods after a
 * reconnect, so their subscriptions are kept per client id, in the database, across connections and restarts.
 */
public final class SessionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    private final HubDatabase database;
    private final Clock clock;
    private final Map<IdentityKey, ClientConnection> live = new ConcurrentHashMap<>();
    private final Map<IdentityKey, Set<SubscriptionKind>> sessions = new ConcurrentHashMap<>();
    /** Identities with a row in the sessions table: only these need a delete when their session ends. */
    private final Set<IdentityKey> stored = ConcurrentHashMap.newKeySet();
    private final Map<IdentityKey, ConnectionInfo> lastKnown = new ConcurrentHashMap<>();
    private volatile Consumer<IdentityKey> methodsSubscribed = key -> { };
    /** Sessions whose desired-properties subscription was granted at QoS 0 (stored as {@value #DESIRED_QOS0}). */
    private final Set<IdentityKey> desiredAtMostOnce = ConcurrentHashMap.newKeySet();
    private static final String DESIRED_QOS0 = "DESIRED@0";

    public SessionRegistry(HubDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Told when an identity is connected and subscribed to methods (after its SUBACK, or its CONNACK resuming a session). */
    void onMethodsSubscribed(Consumer<IdentityKey> listener) {
        this.methodsSubscribed = listener;
    }

    /** Loads the persistent sessions. */
    public void load() throws StoreException {
        for (DocumentTable.Row row : database.read(c -> DocumentTable.SESSIONS.list(c))) {
            IdentityKey key = IdentityKey.fromClientId(row.key1());
            if (key != null) {
                sessions.put(key, parse(row.document()));
                stored.add(key);
                if (row.document().contains(DESIRED_QOS0)) {
                    desiredAtMostOnce.add(key);
                }
            }
        }
        LOG.info("sessions loaded count={}", sessions.size());
    }

    /** Makes the connection the live one of its identity; returns whether a session was present. */
    public synchronized boolean attach(ClientConnection connection) throws StoreException {
        IdentityKey key = connection.identity();
        ClientConnection previous = live.put(key, connection);
        if (previous != null) {
            LOG.info("connection replaced id={} reason=\"a newer connection of the same identity\"", key);
            previous.close();
        }
        lastKnown.put(key, info(connection, true));
        if (connection.cleanSession()) {
            dropSession(key);
            sessions.put(key, EnumSet.noneOf(SubscriptionKind.class));
            return false;
        }
        return !sessions.computeIfAbsent(key, k -> EnumSet.noneOf(SubscriptionKind.class)).isEmpty();
    }

    /** Called once the CONNACK or SUBACK is written: tells the listener when the identity can now take methods. */
    void announceMethods(IdentityKey key) {
        if (isSubscribed(key, SubscriptionKind.METHODS)) {
            methodsSubscribed.accept(key);
        }
    }

    /** The connection closed; a clean session ends with it. */
    public synchronized void detach(ClientConnection connection) {
        IdentityKey key = connection.identity();
        if (!live.remove(key, connection)) {
            return;
        }
        lastKnown.put(key, new ConnectionInfo(false, clock.instant(), connection.lastActivity(),
            connection.auth().method().wireName(), connection.auth().sha1Thumbprint(), connection.auth().sha256Thumbprint()));
        if (connection.cleanSession()) {
            sessions.remove(key);
        }
    }

    /**
     * For a transport without MQTT's QoS and SUBACK (AMQP): as {@link #subscribe(ClientConnection, Set, MqttQoS)} with
     * QoS 1, which only MQTT connections read; the subscription is in force at once, so method calls waiting for the
     * identity to connect are released now ({@link #announceMethods}).
     */
    public void subscribe(ClientConnection connection, Set<SubscriptionKind> kinds) throws StoreException {
        subscribe(connection, kinds, MqttQoS.AT_LEAST_ONCE);
        announceMethods(connection.identity());
    }

    /**
     * @param desiredQos the QoS granted to the desired-properties filter when {@code kinds} holds it: desired patches
     *                   go out at that QoS
     */
    synchronized void subscribe(ClientConnection connection, Set<SubscriptionKind> kinds, MqttQoS desiredQos) throws StoreException {
        Set<SubscriptionKind> current = sessions.computeIfAbsent(connection.identity(), k -> EnumSet.noneOf(SubscriptionKind.class));
        boolean qosChanged = kinds.contains(SubscriptionKind.DESIRED)
            && (desiredQos == MqttQoS.AT_MOST_ONCE) != desiredAtMostOnce.contains(connection.identity());
        if (qosChanged) {
            if (desiredQos == MqttQoS.AT_MOST_ONCE) {
                desiredAtMostOnce.add(connection.identity());
            } else {
                desiredAtMostOnce.remove(connection.identity());
            }
        }
        if (current.containsAll(kinds) && !qosChanged) {
            return;
        }
        Set<SubscriptionKind> updated = EnumSet.copyOf(current);
        updated.addAll(kinds);
        persist(connection, updated);
    }

    public synchronized void unsubscribe(ClientConnection connection, Set<SubscriptionKind> kinds) throws StoreException {
        Set<SubscriptionKind> current = sessions.get(connection.identity());
        if (current == null || kinds.stream().noneMatch(current::contains)) {
            return;
        }
        Set<SubscriptionKind> updated = EnumSet.copyOf(current);
        updated.removeAll(kinds);
        persist(connection, updated);
    }

    /** The QoS desired patches go out at: the one granted to the session's subscription. */
    public MqttQoS desiredQos(IdentityKey key) {
        return desiredAtMostOnce.contains(key) ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
    }

    public boolean isSubscribed(IdentityKey key, SubscriptionKind kind) {
        Set<SubscriptionKind> kinds = sessions.get(key);
        return kinds != null && kinds.contains(kind);
    }

    public Optional<ClientConnection> live(IdentityKey key) {
        return Optional.ofNullable(live.get(key));
    }

    /** Devices with at least one live connection (their own or one of their modules'). */
    public long connectedDeviceCount() {
        return live.keySet().stream().map(IdentityKey::deviceId).distinct().count();
    }

    public int liveCount() {
        return live.size();
    }

    /** The identity's connection state, thumbprint and last activity. */
    public ConnectionInfo info(IdentityKey key) {
        ClientConnection connection = live.get(key);
        if (connection != null) {
            return info(connection, true);
        }
        return lastKnown.getOrDefault(key, ConnectionInfo.NEVER);
    }

    /** Closes the identity's live connection, if any (its session stays). */
    public void disconnect(IdentityKey key, String reason) {
        ClientConnection connection = live.get(key);
        if (connection != null) {
            LOG.info("connection closed id={} reason=\"{}\"", key, reason);
            connection.close();
        }
    }

    /** The identity was deleted: close its connection and drop its session. */
    public synchronized void forget(IdentityKey key) throws StoreException {
        ClientConnection connection = live.remove(key);
        if (connection != null) {
            LOG.info("connection closed id={} reason=\"identity deleted\"", key);
            connection.close();
        }
        lastKnown.remove(key);
        dropSession(key);
    }

    private void persist(ClientConnection connection, Set<SubscriptionKind> kinds) throws StoreException {
        IdentityKey key = connection.identity();
        if (!connection.cleanSession()) {
            JsonArray names = new JsonArray();
            kinds.forEach(k -> names.add(k == SubscriptionKind.DESIRED && desiredAtMostOnce.contains(key) ? DESIRED_QOS0 : k.name()));
            database.write(c -> {
                DocumentTable.SESSIONS.put(c, key.clientId(), "", names.toString());
                return null;
            });
            stored.add(key);
        }
        sessions.put(key, kinds);
    }

    /** Forgets the session; the database is written only when it holds one (not on every clean connect). */
    private void dropSession(IdentityKey key) throws StoreException {
        sessions.remove(key);
        desiredAtMostOnce.remove(key);
        if (stored.contains(key)) {
            database.write(c -> DocumentTable.SESSIONS.delete(c, key.clientId(), ""));
            stored.remove(key);
        }
    }

    private ConnectionInfo info(ClientConnection connection, boolean connected) {
        return new ConnectionInfo(connected, connection.connectedAt(), connection.lastActivity(),
            connection.auth().method().wireName(), connection.auth().sha1Thumbprint(), connection.auth().sha256Thumbprint());
    }

    private static Set<SubscriptionKind> parse(String text) {
        Set<SubscriptionKind> kinds = EnumSet.noneOf(SubscriptionKind.class);
        for (JsonElement name : JsonParser.parseString(text).getAsJsonArray()) {
            try {
                kinds.add(SubscriptionKind.valueOf(name.getAsString().replace("@0", "")));
            } catch (IllegalArgumentException e) {
                LOG.debug("unknown stored subscription skipped name={}", name);
            }
        }
        return kinds;
    }
}
