package dev.moduleagent.localhub.internal.sas;

import dev.moduleagent.localhub.internal.store.DocumentTable;
import dev.moduleagent.localhub.internal.store.HubDatabase;
import dev.moduleagent.localhub.internal.store.StoreException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shared access policies a new IoT hub has (iothubowner, service, device, registryRead, registryReadWrite), each
 * with a 32-byte random key made once and kept in the database like the owner key always was.
 */
public final class AccessPolicies {

    public static final String OWNER = "iothubowner";
    /** The owner key's setting, unchanged so that existing data folders keep their key. */
    private static final String OWNER_SETTING = "ownerKey";
    private static final String POLICY_SETTING = "policyKey";
    private static final Map<String, Set<Permission>> BUILT_IN = builtIn();

    private final Map<String, AccessPolicy> byName;

    private AccessPolicies(Map<String, AccessPolicy> byName) {
        this.byName = byName;
    }

    /** Loads the built-in policies' keys, creating the missing ones in one transaction. */
    public static AccessPolicies loadOrCreate(HubDatabase database) throws StoreException {
        return database.write(c -> {
            Map<String, AccessPolicy> policies = new LinkedHashMap<>();
            for (Map.Entry<String, Set<Permission>> entry : BUILT_IN.entrySet()) {
                String name = entry.getKey();
                policies.put(name, new AccessPolicy(name, keyOf(c, name), entry.getValue()));
            }
            return new AccessPolicies(Map.copyOf(policies));
        });
    }

    /** The policy named in a token's {@code skn} (case-sensitive, as IoT Hub's key names). */
    public Optional<AccessPolicy> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public AccessPolicy owner() {
        return byName.get(OWNER);
    }

    /** All policies, in IoT Hub's order. */
    public List<AccessPolicy> all() {
        List<AccessPolicy> all = new ArrayList<>();
        BUILT_IN.keySet().forEach(name -> all.add(byName.get(name)));
        return all;
    }

    private static String keyOf(Connection c, String name) throws SQLException {
        String key1 = OWNER.equals(name) ? OWNER_SETTING : POLICY_SETTING;
        String key2 = OWNER.equals(name) ? "" : name;
        Optional<String> stored = DocumentTable.SETTINGS.get(c, key1, key2);
        if (stored.isPresent()) {
            return stored.get();
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String key = Base64.getEncoder().encodeToString(bytes);
        DocumentTable.SETTINGS.put(c, key1, key2, key);
        return key;
    }

    private static Map<String, Set<Permission>> builtIn() {
        Map<String, Set<Permission>> policies = new LinkedHashMap<>();
        policies.put(OWNER, Permission.all());
        policies.put("service", EnumSet.of(Permission.SERVICE_CONNECT));
        policies.put("device", EnumSet.of(Permission.DEVICE_CONNECT));
        policies.put("registryRead", EnumSet.of(Permission.REGISTRY_READ));
        policies.put("registryReadWrite", EnumSet.of(Permission.REGISTRY_READ, Permission.REGISTRY_WRITE));
        return policies;
    }
}
