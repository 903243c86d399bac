package dev.moduleagent.launcher;

/**
 * What one launch did with the framework's bundle cache.
 *
 * @param installed bundles installed (all of them with a fresh cache)
 * @param updated kept bundles updated because their jar changed
 * @param uninstalled kept bundles uninstalled because their jar is no longer in the launch
 * @param kept kept bundles used as they were (jar unchanged)
 * @param wipedBecause why a cache found on disk was deleted first, or {@code null} when none was
 */
public record CacheReport(int installed, int updated, int uninstalled, int kept, String wipedBecause) {

    /**
     * @param installed the number of bundles installed into an empty cache
     * @return the report of a launch with a fresh cache
     */
    public static CacheReport fresh(int installed) {
        return new CacheReport(installed, 0, 0, 0, null);
    }

    /**
     * @param reason why the cache was wiped
     * @return this report, saying so
     */
    public CacheReport wiped(String reason) {
        return new CacheReport(installed, updated, uninstalled, kept, reason);
    }

    @Override
    public String toString() {
        return "installed=" + installed + " updated=" + updated + " uninstalled=" + uninstalled + " kept=" + kept
                + (wipedBecause == null ? "" : " wiped=\"" + wipedBecause + "\"");
    }
}
