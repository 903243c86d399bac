package dev.moduleagent.launcher;

import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.launch.Framework;

/**
 * A framework started by {@link FelixLauncher}.
 *
 * @param framework the started framework (stop it with {@link FelixLauncher#stop})
 * @param bundles the bundles of the launch's jars, in the order given, each started unless it is a fragment
 * @param cache what the launch did with the bundle cache
 */
public record Launched(Framework framework, List<Bundle> bundles, CacheReport cache) {

    /** Copies the list. */
    public Launched {
        bundles = List.copyOf(bundles);
    }

    /**
     * @param symbolicName a Bundle-SymbolicName
     * @return the launch's bundle of that name
     * @throws IllegalArgumentException when there is none
     */
    public Bundle bundle(String symbolicName) {
        return bundles.stream().filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bundle " + symbolicName + " in this launch"));
    }

    Launched withCacheWiped(String reason) {
        return new Launched(framework, bundles, cache.wiped(reason));
    }
}
