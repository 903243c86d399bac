package dev.moduleagent.launcher.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides, from the jars of a launch and what a kept framework cache already holds, which bundles to install, update
 * or uninstall. Kept free of the framework so that the decision can be tested on its own.
 *
 * @param install locations of jars the cache does not hold
 * @param update locations of jars whose fingerprint differs from the one recorded when they were installed
 * @param uninstall locations held by the cache whose jar is no longer in the launch
 * @param unchanged locations held by the cache with the same fingerprint
 */
public record CachePlan(List<String> install, List<String> update, List<String> uninstall,
        List<String> unchanged) {

    /** Copies the lists. */
    public CachePlan {
        install = List.copyOf(install);
        update = List.copyOf(update);
        uninstall = List.copyOf(uninstall);
        unchanged = List.copyOf(unchanged);
    }

    /**
     * @param onDisk location to fingerprint of every jar of the launch
     * @param cached locations of the bundles the framework cache holds from earlier launches
     * @param recorded location to fingerprint recorded when each cached bundle was installed or updated
     * @return the plan; each list in location order
     */
    public static CachePlan of(Map<String, BundleFingerprint> onDisk, Set<String> cached,
            Map<String, BundleFingerprint> recorded) {
        List<String> install = new ArrayList<>();
        List<String> update = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (String location : new TreeSet<>(onDisk.keySet())) {
            if (!cached.contains(location)) {
                install.add(location);
            } else if (onDisk.get(location).equals(recorded.get(location))) {
                unchanged.add(location);
            } else {
                update.add(location);
            }
        }
        List<String> uninstall = new ArrayList<>(new TreeSet<>(cached));
        uninstall.removeAll(onDisk.keySet());
        return new CachePlan(install, update, uninstall, unchanged);
    }
}
