package dev.moduleagent.localhub.internal.mqtt;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.store.DocumentTable;
import dev.moduleagent.localhub.internal.store.HubDatabase;
import dev.moduleagent.localhub.internal.store.StoreException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<IdentityKey, ConnectionInfo> lastKnown = new ConcurrentHashMap<>();

    public SessionRegistry(HubDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Loads the persistent sessions. */
    public void load() throws StoreException {
        for (DocumentTable.Row row : database.read(c -> DocumentTable.SESSIONS.list(c))) {
            IdentityKey key = IdentityKey.fromClientId(row.key1());
            if (key != null) {
                sessions.put(key, parse(row.document()));
            }
        }
        LOG.info("sessions loaded count={}", sessions.size());
    }

    /** Makes the connection the live one of its identity; returns whether a session was present. */
    public synchronized boolean attach(ClientConnection connection) throws StoreException {
        IdentityKey key = connection.identity();
        ClientConnection previous = live.put(key, connection);
        if (previous != null) {
            LOG.info("connection replaced id={} reason=a newer connection of the same identity", key);
            previous.close();
        }
        lastKnown.put(key, info(connection, true));
        if (connection.cleanSession()) {
            dropSession(key);
            sessions.put(key, EnumSet.noneOf(SubscriptionKind.class));
            return false;
        }
        return sessions.computeIfAbsent(key, k -> EnumSet.noneOf(SubscriptionKind.class)).size() > 0;
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

    public synchronized void subscribe(ClientConnection connection, Set<SubscriptionKind> kinds) throws StoreException {
        Set<SubscriptionKind> current = sessions.computeIfAbsent(connection.identity(), k -> EnumSet.noneOf(SubscriptionKind.class));
        if (current.containsAll(kinds)) {
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

    public boolean isSubscribed(IdentityKey key, SubscriptionKind kind) {
        Set<SubscriptionKind> kinds = sessions.get(key);
        return kinds != null && kinds.contains(kind);
    }

    public Optional<ClientConnection> live(IdentityKey key) {
        return Optional.ofNullable(live.get(key));
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

    /** The identity was deleted: close its connection and drop its session. */
    public synchronized void forget(IdentityKey key) throws StoreException {
        ClientConnection connection = live.remove(key);
        if (connection != null) {
            LOG.info("connection closed id={} reason=identity deleted", key);
            connection.close();
        }
        lastKnown.remove(key);
        dropSession(key);
    }

    private void persist(ClientConnection connection, Set<SubscriptionKind> kinds) throws StoreException {
        IdentityKey key = connection.identity();
        if (!connection.cleanSession()) {
            JsonArray names = new JsonArray();
            kinds.forEach(k -> names.add(k.name()));
            database.write(c -> {
                DocumentTable.SESSIONS.put(c, key.clientId(), "", names.toString());
                return null;
            });
        }
        sessions.put(key, kinds);
    }

    private void dropSession(IdentityKey key) throws StoreException {
        sessions.remove(key);
        database.write(c -> DocumentTable.SESSIONS.delete(c, key.clientId(), ""));
    }

    private ConnectionInfo info(ClientConnection connection, boolean connected) {
        return new ConnectionInfo(connected, connection.connectedAt(), connection.lastActivity(),
            connection.auth().method().wireName(), connection.auth().sha1Thumbprint(), connection.auth().sha256Thumbprint());
    }

    private static Set<SubscriptionKind> parse(String text) {
        Set<SubscriptionKind> kinds = EnumSet.noneOf(SubscriptionKind.class);
        for (JsonElement name : JsonParser.parseString(text).getAsJsonArray()) {
            try {
                kinds.add(SubscriptionKind.valueOf(name.getAsString()));
            } catch (IllegalArgumentException e) {
                LOG.debug("unknown stored subscription skipped name={}", name);
            }
        }
        return kinds;
    }
}
