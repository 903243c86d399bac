package dev.moduleagent.localhub.internal.identity;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.IdentityName;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.store.DocumentTable;
import dev.moduleagent.localhub.internal.store.HubDatabase;
import dev.moduleagent.localhub.internal.store.StoreException;
import dev.moduleagent.localhub.internal.twin.TwinService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device and module identities: kept in memory for the MQTT connect path and written to the database together
 * with the twin they own, so that a module and its twin are created and deleted as one.
 */
public final class IdentityRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityRegistry.class);
    /** A bound on the registry's size (memory and start-up time). */
    public static final int MAX_DEVICES = 10_000;

    private final HubDatabase database;
    private final TwinService twins;
    private final int maxModulesPerDevice;
    private final Clock clock;
    private final Map<IdentityKey, Identity> identities = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public IdentityRegistry(HubDatabase database, TwinService twins, int maxModulesPerDevice, Clock clock) {
        this.database = database;
        this.twins = twins;
        this.maxModulesPerDevice = maxModulesPerDevice;
        this.clock = clock;
    }

    /** Loads every stored identity. */
    public void load() throws StoreException, Refusal {
        List<DocumentTable.Row> rows = database.read(c -> DocumentTable.IDENTITIES.list(c));
        for (DocumentTable.Row row : rows) {
            Identity identity = Identity.fromStoredJson(row.document());
            identities.put(identity.key(), identity);
        }
        LOG.info("registry loaded identities={}", identities.size());
    }

    public Optional<Identity> find(IdentityKey key) {
        return Optional.ofNullable(identities.get(key));
    }

    public Identity get(IdentityKey key) throws Refusal {
        Identity identity = identities.get(key);
        if (identity == null) {
            throw notFound(key);
        }
        return identity;
    }

    /**
     * Creates an identity and its twin, or updates the authentication of an existing one when {@code ifMatch} is
     * given ({@code *} or its etag), as IoT Hub's PUT does.
     */
    public synchronized Identity put(IdentityKey key, Authentication auth, JsonObject body, String ifMatch) throws Refusal, StoreException {
        validateIds(key);
        Identity existing = identities.get(key);
        if (existing != null) {
            return update(existing, auth, body, ifMatch);
        }
        checkCapacity(key);
        Instant now = clock.instant();
        Identity created = new Identity(key, auth, IdentityStatus.fromBody(body, IdentityStatus.enabled(now), now),
            generationId(), etag(), now);
        database.write(c -> {
            DocumentTable.IDENTITIES.put(c, key.deviceId(), key.storedModuleId(), created.toStoredJson());
            twins.createIn(c, key);
            return null;
        });
        identities.put(key, created);
        LOG.info("identity created id={} auth={}", key, auth.type().wireName());
        return created;
    }

    /** Whether the identity may connect: it exists and its device is enabled (a module follows its device). */
    public boolean enabled(IdentityKey key) {
        Identity device = identities.get(IdentityKey.device(key.deviceId()));
        return device != null && device.status().enabled() && identities.containsKey(key);
    }

    /** Deletes a module, or a device with all its modules, and their twins. */
    public synchronized List<IdentityKey> delete(IdentityKey key) throws Refusal, StoreException {
        return delete(key, null);
    }

    /** Deletes as {@link #delete(IdentityKey)} when {@code ifMatch} is null, {@code *} or the identity's etag; else 412. */
    public synchronized List<IdentityKey> delete(IdentityKey key, String ifMatch) throws Refusal, StoreException {
        Identity identity = get(key);
        if (ifMatch != null && !"*".equals(ifMatch) && !ifMatch.equals(identity.etag())) {
            throw Refusal.preconditionFailed("etag " + ifMatch + " does not match identity '" + key + "'");
        }
        List<IdentityKey> removed = new ArrayList<>();
        removed.add(key);
        if (!key.isModule()) {
            removed.addAll(modules(key.deviceId()).stream().map(Identity::key).collect(Collectors.toList()));
        }
        database.write(c -> {
            for (IdentityKey k : removed) {
                DocumentTable.IDENTITIES.delete(c, k.deviceId(), k.storedModuleId());
                TwinService.deleteIn(c, k);
            }
            return null;
        });
        for (IdentityKey k : removed) {
            identities.remove(k);
            twins.forget(k);
        }
        LOG.info("identity deleted id={} removed={}", key, removed.size());
        return removed;
    }

    /** The modules of a device, ordered by module id. */
    public List<Identity> modules(String deviceId) {
        return identities.values().stream()
            .filter(i -> i.key().isModule() && i.key().deviceId().equals(deviceId))
            .sorted(Comparator.comparing(i -> i.key().moduleId()))
            .collect(Collectors.toList());
    }

    /** All modules, ordered by device id and module id. */
    public List<Identity> allModules() {
        return identities.values().stream().filter(i -> i.key().isModule())
            .sorted(Comparator.comparing((Identity i) -> i.key().deviceId()).thenComparing(i -> i.key().moduleId()))
            .collect(Collectors.toList());
    }

    /** All devices, ordered by device id. */
    public List<Identity> devices() {
        return identities.values().stream().filter(i -> !i.key().isModule())
            .sorted(Comparator.comparing(i -> i.key().deviceId())).collect(Collectors.toList());
    }

    private Identity update(Identity existing, Authentication auth, JsonObject body, String ifMatch) throws Refusal, StoreException {
        if (ifMatch == null) {
            String what = existing.key().isModule() ? "ModuleAlreadyExistsOnDevice" : "DeviceAlreadyExists";
            throw Refusal.conflict(what, "identity '" + existing.key() + "' already exists");
        }
        if (!"*".equals(ifMatch) && !ifMatch.equals(existing.etag())) {
            throw Refusal.preconditionFailed("etag " + ifMatch + " does not match identity '" + existing.key() + "'");
        }
        IdentityStatus status = IdentityStatus.fromBody(body, existing.status(), clock.instant());
        Identity updated = new Identity(existing.key(), auth, status, existing.generationId(), etag(), existing.created());
        database.write(c -> {
            DocumentTable.IDENTITIES.put(c, updated.key().deviceId(), updated.key().storedModuleId(), updated.toStoredJson());
            return null;
        });
        identities.put(updated.key(), updated);
        LOG.info("identity updated id={} auth={} status={}", updated.key(), auth.type().wireName(), status.wireName());
        return updated;
    }

    private void checkCapacity(IdentityKey key) throws Refusal {
        if (key.isModule()) {
            if (!identities.containsKey(IdentityKey.device(key.deviceId()))) {
                throw Refusal.notFound("DeviceNotFound", "device '" + key.deviceId() + "' does not exist");
            }
            int count = modules(key.deviceId()).size();
            if (count >= maxModulesPerDevice) {
                throw new Refusal(413, "TooManyModulesOnDevice", "device '" + key.deviceId() + "' already holds "
                    + count + " modules, the limit is " + maxModulesPerDevice);
            }
        } else if (devices().size() >= MAX_DEVICES) {
            throw new Refusal(403, "IotHubQuotaExceeded", "the hub holds the maximum of " + MAX_DEVICES + " devices");
        }
    }

    private static void validateIds(IdentityKey key) throws Refusal {
        try {
            IdentityName.of(key.deviceId(), key.moduleId());
        } catch (CertificateToolException e) {
            throw Refusal.badRequest(e.getMessage());
        }
    }

    static Refusal notFound(IdentityKey key) {
        return key.isModule()
            ? Refusal.notFound("ModuleNotFound", "module '" + key.moduleId() + "' on device '" + key.deviceId() + "' not found")
            : Refusal.notFound("DeviceNotFound", "device '" + key.deviceId() + "' not found");
    }

    private String generationId() {
        return String.format("%012d", Math.floorMod(random.nextLong(), 1_000_000_000_000L));
    }

    private String etag() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
