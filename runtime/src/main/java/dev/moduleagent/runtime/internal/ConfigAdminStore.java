package dev.moduleagent.runtime.internal;

import dev.moduleagent.launcher.Folders;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Configuration Admin's store, kept outside the bundle cache and emptied before every launch: the cache is kept
 * across starts, but the agent must never activate with a previous run's configuration (an old identity or hub)
 * before the launcher publishes {@code conf/agent.cfg}; plug-in configurations come back from {@code conf/} through
 * FileInstall.
 */
public final class ConfigAdminStore {

    /** Felix Configuration Admin's framework property for its store. */
    public static final String PROPERTY = "felix.cm.dir";

    private ConfigAdminStore() {
    }

    /**
     * @param storageDir the bundle cache
     * @return the store's folder, beside the cache
     */
    public static Path beside(Path storageDir) {
        return storageDir.resolveSibling("config-admin");
    }

    /**
     * Deletes the store's folder and everything in it.
     *
     * @param folder the store's folder
     * @throws IOException when something in it cannot be deleted
     */
    public static void empty(Path folder) throws IOException {
        Folders.delete(folder);
    }
}
