package dev.moduleagent.runtime.internal;

import dev.moduleagent.runtime.LaunchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs every jar of {@code system/} into an initialised (not yet started) framework, updates the ones whose file
 * changed since the cache recorded them, and uninstalls the ones whose file is gone, so that a kept cache never runs
 * a stale bundle.
 */
public final class SystemBundleInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(SystemBundleInstaller.class);
    private static final String INDEX = "moduleagent-system-bundles.properties";

    private final BundleContext context;
    private final Path folder;

    /**
     * @param context the system bundle's context of an initialised framework
     * @param folder the {@code system/} folder
     */
    public SystemBundleInstaller(BundleContext context, Path folder) {
        this.context = context;
        this.folder = folder.toAbsolutePath().normalize();
    }

    /**
     * @return the bundles of the folder, in file-name order, installed and up to date (not started)
     * @throws LaunchException when the folder cannot be read or a jar is not a valid bundle
     */
    public List<Bundle> installAll() throws LaunchException {
        Map<String, Path> jars = jars();
        Map<String, BundleFingerprint> onDisk = fingerprints(jars);
        Map<String, Bundle> cached = cachedBundles();
        Properties index = readIndex();
        SystemFolderPlan plan = SystemFolderPlan.of(onDisk, cached.keySet(), recorded(index));
        for (String location : plan.uninstall()) {
            uninstall(cached.get(location));
            index.remove(location);
        }
        List<Bundle> bundles = new ArrayList<>();
        for (Map.Entry<String, Path> jar : jars.entrySet()) {
            String location = jar.getKey();
            if (plan.install().contains(location)) {
                bundles.add(install(location, jar.getValue()));
            } else if (plan.update().contains(location)) {
                bundles.add(update(cached.get(location), jar.getValue()));
            } else {
                bundles.add(cached.get(location));
            }
            index.setProperty(location, onDisk.get(location).toString());
        }
        writeIndex(index);
        return bundles;
    }

    private Map<String, Path> jars() throws LaunchException {
        if (!Files.isDirectory(folder)) {
            throw new LaunchException(folder + ": the system bundle folder does not exist");
        }
        Map<String, Path> jars = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .forEach(p -> jars.put(p.toUri().toString(), p));
        } catch (IOException e) {
            throw new LaunchException(folder + ": cannot list the system bundle folder: " + e.getMessage(), e);
        }
        return jars;
    }

    private static Map<String, BundleFingerprint> fingerprints(Map<String, Path> jars) throws LaunchException {
        Map<String, BundleFingerprint> result = new HashMap<>();
        for (Map.Entry<String, Path> jar : jars.entrySet()) {
            try {
                result.put(jar.getKey(), BundleFingerprint.of(jar.getValue()));
            } catch (IOException e) {
                throw new LaunchException(jar.getValue() + ": cannot be read: " + e.getMessage(), e);
            }
        }
        return result;
    }

    private Map<String, Bundle> cachedBundles() {
        Map<String, Bundle> cached = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (BundleLocations.isIn(bundle.getLocation(), folder)) {
                cached.put(bundle.getLocation(), bundle);
            }
        }
        return cached;
    }

    private static Map<String, BundleFingerprint> recorded(Properties index) {
        Map<String, BundleFingerprint> recorded = new HashMap<>();
        for (String location : index.stringPropertyNames()) {
            BundleFingerprint fingerprint = BundleFingerprint.parse(index.getProperty(location));
            if (fingerprint != null) {
                recorded.put(location, fingerprint);
            }
        }
        return recorded;
    }

    private Bundle install(String location, Path jar) throws LaunchException {
        try (InputStream in = Files.newInputStream(jar)) {
            Bundle bundle = context.installBundle(location, in);
            LOG.debug("installed {} {} from {}", bundle.getSymbolicName(), bundle.getVersion(), jar.getFileName());
            return bundle;
        } catch (IOException | BundleException e) {
            throw new LaunchException(jar + ": cannot be installed: " + e.getMessage(), e);
        }
    }

    private static Bundle update(Bundle bundle, Path jar) throws LaunchException {
        try (InputStream in = Files.newInputStream(jar)) {
            bundle.update(in);
            LOG.info("updated {} to {} because {} changed", bundle.getSymbolicName(), bundle.getVersion(),
                    jar.getFileName());
            return bundle;
        } catch (IOException | BundleException e) {
            throw new LaunchException(jar + ": cannot be updated: " + e.getMessage(), e);
        }
    }

    private static void uninstall(Bundle bundle) throws LaunchException {
        try {
            bundle.uninstall();
            LOG.info("uninstalled {} because its jar left the system folder", bundle.getSymbolicName());
        } catch (BundleException e) {
            throw new LaunchException(bundle.getLocation() + ": cannot be uninstalled: " + e.getMessage(), e);
        }
    }

    private Properties readIndex() {
        Properties index = new Properties();
        Path file = context.getDataFile(INDEX).toPath();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                index.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("{}: unreadable, every system bundle is updated: {}", file, e.getMessage());
                index.clear();
            }
        }
        return index;
    }

    private void writeIndex(Properties index) throws LaunchException {
        Path file = context.getDataFile(INDEX).toPath();
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                index.store(writer, "fingerprints of the system bundles in this cache");
            }
        } catch (IOException e) {
            throw new LaunchException(file + ": cannot be written: " + e.getMessage(), e);
        }
    }
}
