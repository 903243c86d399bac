package dev.moduleagent.localhub.internal.twin;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.store.HubDatabase;
import dev.moduleagent.localhub.internal.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and changes twins: one change at a time per twin, checked against IoT Hub's limits, committed to the
 * database before it is visible or answered, and desired changes handed to the {@link DesiredListener} in order.
 */
public final class TwinService {

    private static final Logger LOG = LoggerFactory.getLogger(TwinService.class);

    private final HubDatabase database;
    private final Clock clock;
    private final Map<IdentityKey, TwinDocument> cache = new ConcurrentHashMap<>();
    private final Map<IdentityKey, Object> locks = new ConcurrentHashMap<>();
    private volatile DesiredListener desiredListener = (key, patch, version) -> { };

    public TwinService(HubDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void setDesiredListener(DesiredListener listener) {
        this.desiredListener = listener;
    }

    /** Writes a new twin for the identity inside the caller's transaction. */
    public void createIn(Connection connection, IdentityKey key) throws SQLException {
        TwinRows.create(connection, key, TwinDocument.create(clock.instant()));
        cache.remove(key);
    }

    /** Deletes the twin of an identity inside the caller's transaction (then {@link #forget} it after the commit). */
    public static void deleteIn(Connection connection, IdentityKey key) throws SQLException {
        TwinRows.delete(connection, key);
    }

    /** Drops the cached twin of a deleted identity. */
    public void forget(IdentityKey key) {
        cache.remove(key);
        locks.remove(key);
    }

    public TwinDocument get(IdentityKey key) throws Refusal, StoreException {
        TwinDocument cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        synchronized (lockFor(key)) {
            return load(key);
        }
    }

    /**
     * Merges a reported patch from the device; returns the new reported {@code $version}.
     *
     * @param expectedVersion the {@code $version} the client named in the topic, or null
     */
    public long patchReported(IdentityKey key, JsonObject patch, Long expectedVersion) throws Refusal, StoreException {
        TwinRules.checkPatch("reported", patch);
        synchronized (lockFor(key)) {
            TwinDocument current = load(key);
            if (expectedVersion != null && expectedVersion != current.reported().version()) {
                throw Refusal.preconditionFailed("reported $version is " + current.reported().version()
                    + ", the patch expected " + expectedVersion);
            }
            TwinSection reported = current.reported().merge(patch, clock.instant());
            TwinRules.checkSize("reported", reported.properties());
            store(key, current.withReported(reported), true);
            LOG.debug("reported patched id={} version={}", key, reported.version());
            return reported.version();
        }
    }

    /** Applies a service-side PATCH ({@code replace == false}) or PUT to tags and desired properties. */
    public TwinDocument update(IdentityKey key, TwinUpdate update, String ifMatch, boolean replace) throws Refusal, StoreException {
        if (update.tags() != null) {
            TwinRules.checkPatch("tags", update.tags());
        }
        if (update.desired() != null) {
            TwinRules.checkPatch("desired", update.desired());
        }
        synchronized (lockFor(key)) {
            TwinDocument current = load(key);
            checkEtag(current, ifMatch);
            Instant now = clock.instant();
            TwinDocument next = current;
            if (update.tags() != null) {
                JsonObject tags = TwinSection.mergedProperties(replace ? new JsonObject() : current.tags(), update.tags());
                TwinRules.checkSize("tags", tags);
                next = next.withTags(tags);
            }
            JsonObject pushed = null;
            if (update.desired() != null) {
                TwinSection desired = replace ? current.desired().replace(update.desired(), now)
                    : current.desired().merge(update.desired(), now);
                TwinRules.checkSize("desired", desired.properties());
                next = next.withDesired(desired);
                pushed = replace ? replacementPatch(current.desired(), desired) : update.desired().deepCopy();
                pushed.addProperty(TwinSection.VERSION, desired.version());
            }
            store(key, next, false);
            if (pushed != null) {
                LOG.info("desired changed id={} version={}", key, next.desired().version());
                desiredListener.desiredChanged(key, pushed, next.desired().version());
            }
            return next;
        }
    }

    private static JsonObject replacementPatch(TwinSection before, TwinSection after) {
        JsonObject patch = after.properties();
        for (String key : before.properties().keySet()) {
            if (!patch.has(key)) {
                patch.add(key, JsonNull.INSTANCE);
            }
        }
        return patch;
    }

    private static void checkEtag(TwinDocument current, String ifMatch) throws Refusal {
        if (ifMatch != null && !"*".equals(ifMatch) && !ifMatch.equals(current.etag())) {
            throw Refusal.preconditionFailed("etag " + ifMatch + " does not match the twin's etag " + current.etag());
        }
    }

    private TwinDocument load(IdentityKey key) throws Refusal, StoreException {
        TwinDocument cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        TwinDocument document = database.read(c -> TwinRows.read(c, key).orElse(null));
        if (document == null) {
            throw Refusal.notFound(key.isModule() ? "ModuleNotFound" : "DeviceNotFound", "no twin for identity '" + key + "'");
        }
        cache.put(key, document);
        return document;
    }

    /** Commits the change: only the reported row when {@code reportedOnly}, else only the tags and desired row. */
    private void store(IdentityKey key, TwinDocument document, boolean reportedOnly) throws Refusal, StoreException {
        boolean stored = database.write(c -> reportedOnly ? TwinRows.writeReported(c, key, document)
            : TwinRows.writeMain(c, key, document));
        if (!stored) {
            cache.remove(key);
            throw Refusal.notFound(key.isModule() ? "ModuleNotFound" : "DeviceNotFound", "identity '" + key + "' was deleted");
        }
        cache.put(key, document);
    }

    private Object lockFor(IdentityKey key) {
        return locks.computeIfAbsent(key, k -> new Object());
    }
}
