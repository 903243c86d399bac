package dev.moduleagent.localhub.internal;

import dev.moduleagent.localhub.internal.store.DocumentTable;
import dev.moduleagent.localhub.internal.store.HubDatabase;
import dev.moduleagent.localhub.internal.store.StoreException;
import java.security.SecureRandom;
import java.util.Base64;

/** The {@code iothubowner} policy key: 32 random bytes, made once and kept in the database. */
public final class OwnerKey {

    private static final String SETTING = "ownerKey";

    private OwnerKey() {
    }

    public static String loadOrCreate(HubDatabase database) throws StoreException {
        return database.write(c -> {
            var stored = DocumentTable.SETTINGS.get(c, SETTING, "");
            if (stored.isPresent()) {
                return stored.get();
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String key = Base64.getEncoder().encodeToString(bytes);
            DocumentTable.SETTINGS.put(c, SETTING, "", key);
            return key;
        });
    }
}
