package dev.moduleagent.launcher.internal;

import dev.moduleagent.launcher.CacheReport;
import dev.moduleagent.launcher.FelixLauncher;
import dev.moduleagent.launcher.Folders;
import dev.moduleagent.launcher.LaunchFailure;
import dev.moduleagent.launcher.Launched;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A framework bundle cache kept between launches, and the one place that decides what it may be trusted with. Beside
 * Felix's own files it keeps an index: the key it was written under (framework jar, Java version) and the fingerprint
 * of every jar a launch installed. A launch with the same jars installs nothing; a changed jar is updated in place, a
 * jar no longer in the launch is uninstalled, a new one installed. A cache with no index, an unreadable index or
 * another key is wiped before the framework opens it.
 */
public final class BundleCache {

    /** The index file, inside the storage folder. */
    public static final String INDEX = "moduleagent-bundles.properties";

    private static final Logger LOG = LoggerFactory.getLogger(BundleCache.class);
    private static final String KEY = "cache.key";
    private static final String JAR_PREFIX = "jar.";

    private final Path storage;
    private final String key;
    private final Properties index = new Properties();

    /**
     * @param storage the framework's storage folder
     * @param key what the cache is valid for; a cache written under another key is wiped
     */
    public BundleCache(Path storage, String key) {
        this.storage = storage;
        this.key = key;
    }

    /**
     * Reads the index of a cache found on disk, and wipes the cache when it cannot be trusted.
     *
     * @return why the cache found on disk was wiped, or {@code null} when it is kept (or there was none)
     * @throws LaunchFailure when the cache cannot be deleted
     */
    public String openOrWipe() throws LaunchFailure {
        index.clear();
        if (!Files.exists(storage)) {
            return null;
        }
        String reason = readIndex();
        if (reason == null && !key.equals(index.getProperty(KEY))) {
            reason = "written by another framework or Java version (" + index.getProperty(KEY) + ")";
        }
        if (reason != null) {
            LOG.info("bundle cache wiped cache={} reason=\"{}\"", storage, reason);
            wipe();
        }
        return reason;
    }

    private String readIndex() {
        Path file = storage.resolve(INDEX);
        if (!Files.isRegularFile(file)) {
            return "it has no index " + INDEX;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            index.load(reader);
            return null;
        } catch (IOException | IllegalArgumentException e) {
            index.clear();
            return "its index is unreadable (" + e.getMessage() + ")";
        }
    }

    /**
     * Deletes the whole cache (and forgets its index).
     *
     * @throws LaunchFailure when it cannot be deleted
     */
    public void wipe() throws LaunchFailure {
        index.clear();
        try {
            Folders.delete(storage);
        } catch (IOException e) {
            throw new LaunchFailure(storage + ": the bundle cache cannot be deleted: " + e.getMessage(), e);
        }
    }

    /**
     * Brings the bundles of an initialised (not started) framework in line with the launch's jars.
     *
     * @param framework the framework, after {@code init()}
     * @param jars the launch's jars, in order
     * @return the bundles of the jars, in the same order, and what was done
     * @throws LaunchFailure naming a jar that cannot be read, installed or updated
     */
    public Launched synchronise(Framework framework, List<Path> jars) throws LaunchFailure {
        BundleContext context = framework.getBundleContext();
        Map<String, Path> byLocation = new LinkedHashMap<>();
        jars.forEach(jar -> byLocation.put(jar.toUri().toString(), jar));
        Map<String, BundleFingerprint> onDisk = fingerprints(byLocation);
        Map<String, BundleFingerprint> recorded = recorded();
        Map<String, Bundle> cached = cached(context, byLocation, recorded);
        CachePlan plan = CachePlan.of(onDisk, cached.keySet(), recorded);
        for (String location : plan.uninstall()) {
            uninstall(cached.get(location));
            index.remove(JAR_PREFIX + location);
        }
        List<Bundle> bundles = new ArrayList<>();
        for (Map.Entry<String, Path> jar : byLocation.entrySet()) {
            String location = jar.getKey();
            if (plan.install().contains(location)) {
                bundles.add(FelixLauncher.install(context, jar.getValue()));
            } else if (plan.update().contains(location)) {
                bundles.add(update(cached.get(location), jar.getValue()));
            } else {
                bundles.add(cached.get(location));
            }
            index.setProperty(JAR_PREFIX + location, onDisk.get(location).toString());
        }
        CacheReport report = new CacheReport(plan.install().size(), plan.update().size(), plan.uninstall().size(),
                plan.unchanged().size(), null);
        return new Launched(framework, bundles, report);
    }

    /**
     * Records the cache's key and fingerprints, once a launch from it has started.
     *
     * @throws LaunchFailure when the index cannot be written
     */
    public void commit() throws LaunchFailure {
        index.setProperty(KEY, key);
        Path file = storage.resolve(INDEX);
        Path temporary = storage.resolve(INDEX + ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                index.store(writer, "the launch jars this framework cache holds (dev.moduleagent.launcher)");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LaunchFailure(file + ": cannot be written: " + e.getMessage(), e);
        }
    }

    private static Map<String, BundleFingerprint> fingerprints(Map<String, Path> jars) throws LaunchFailure {
        Map<String, BundleFingerprint> result = new HashMap<>();
        for (Map.Entry<String, Path> jar : jars.entrySet()) {
            try {
                result.put(jar.getKey(), BundleFingerprint.of(jar.getValue()));
            } catch (IOException e) {
                throw new LaunchFailure(jar.getValue() + ": cannot be read: " + e.getMessage(), e);
            }
        }
        return result;
    }

    private Map<String, BundleFingerprint> recorded() {
        Map<String, BundleFingerprint> recorded = new HashMap<>();
        for (String name : index.stringPropertyNames()) {
            if (name.startsWith(JAR_PREFIX)) {
                BundleFingerprint fingerprint = BundleFingerprint.parse(index.getProperty(name));
                if (fingerprint != null) {
                    recorded.put(name.substring(JAR_PREFIX.length()), fingerprint);
                }
            }
        }
        return recorded;
    }

    /** The bundles of the cache this launcher manages: at a location of this launch or recorded by an earlier one. */
    private static Map<String, Bundle> cached(BundleContext context, Map<String, Path> jars,
            Map<String, BundleFingerprint> recorded) {
        Map<String, Bundle> cached = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            String location = bundle.getLocation();
            if (jars.containsKey(location) || recorded.containsKey(location)) {
                cached.put(location, bundle);
            }
        }
        return cached;
    }

    private static Bundle update(Bundle bundle, Path jar) throws LaunchFailure {
        try (InputStream in = Files.newInputStream(jar)) {
            bundle.update(in);
            LOG.info("system bundle updated bundle={} version={} reason=jar-changed file={}", bundle.getSymbolicName(),
                    bundle.getVersion(), jar.getFileName());
            return bundle;
        } catch (IOException | BundleException e) {
            throw new LaunchFailure(jar + ": cannot be updated: " + e.getMessage(), e);
        }
    }

    private static void uninstall(Bundle bundle) throws LaunchFailure {
        try {
            bundle.uninstall();
            LOG.info("system bundle uninstalled bundle={} reason=jar-no-longer-launched", bundle.getSymbolicName());
        } catch (BundleException e) {
            throw new LaunchFailure(bundle.getLocation() + ": cannot be uninstalled: " + e.getMessage(), e);
        }
    }
}
