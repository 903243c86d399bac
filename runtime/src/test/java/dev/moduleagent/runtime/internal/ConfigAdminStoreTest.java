package dev.moduleagent.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigAdminStoreTest {

    @TempDir
    Path data;

    @Test
    void aPreviousRunsConfigurationsAreGoneBeforeTheNextLaunch() throws Exception {
        Path store = ConfigAdminStore.beside(data.resolve("felix-cache"));
        Files.createDirectories(store.resolve("dev/moduleagent"));
        Files.writeString(store.resolve("dev/moduleagent/agent.config"), "hub.host=\"old-hub\"");

        ConfigAdminStore.empty(store);

        assertFalse(Files.exists(store));
        assertEquals(data.resolve("config-admin"), store);
    }

    @Test
    void aStoreThatWasNeverWrittenIsNothingToEmpty() throws Exception {
        ConfigAdminStore.empty(data.resolve("config-admin"));

        assertFalse(Files.exists(data.resolve("config-admin")));
    }
}
