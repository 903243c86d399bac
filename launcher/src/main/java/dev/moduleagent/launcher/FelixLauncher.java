package dev.moduleagent.launcher;

import dev.moduleagent.launcher.internal.BundleCache;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one class that starts an embedded Felix, for the distribution and for every test framework: {@code init()},
 * install the launch's jars, {@code start()}, start every non-fragment. With {@link #keepCache()} the framework's
 * bundle cache survives between launches and is brought in line with the jars ({@link BundleCache}); otherwise it
 * is emptied at each launch.
 */
public final class FelixLauncher {

    /** How long {@link #stop} waits by default. */
    public static final Duration DEFAULT_STOP = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(FelixLauncher.class);

    private final Path storage;
    private final Map<String, Object> properties;
    private boolean keepCache;
    private Consumer<BundleContext> beforeInstall = context -> { };

    /**
     * @param storage the framework's storage folder (its bundle cache)
     * @param properties framework properties; the storage properties are set by the launcher
     */
    public FelixLauncher(Path storage, Map<String, ?> properties) {
        this.storage = storage.toAbsolutePath().normalize();
        this.properties = new HashMap<>(properties);
    }

    /** @return this launcher, keeping the bundle cache between launches (installing only what changed) */
    public FelixLauncher keepCache() {
        this.keepCache = true;
        return this;
    }

    /**
     * @param hook called with the system bundle's context after {@code init()}, before anything is installed
     *     (listeners that must see every bundle event)
     * @return this launcher
     */
    public FelixLauncher beforeInstall(Consumer<BundleContext> hook) {
        this.beforeInstall = hook;
        return this;
    }

    /**
     * @param jars the bundle jars of this launch, in install and start order
     * @return the started framework
     * @throws LaunchFailure when the framework, a jar or a bundle cannot start (the message names it)
     */
    public Launched start(List<Path> jars) throws LaunchFailure {
        FrameworkFactory factory = factory();
        if (!keepCache) {
            return launch(factory, jars, null);
        }
        BundleCache cache = new BundleCache(storage, cacheKey(factory));
        boolean found = Files.exists(storage);
        String wiped = cache.openOrWipe();
        if (!found || wiped != null) {
            Launched launched = launch(factory, jars, cache);
            return wiped == null ? launched : launched.withCacheWiped(wiped);
        }
        try {
            return launch(factory, jars, cache);
        } catch (LaunchFailure e) {
            String reason = "a launch from it failed (" + e.getMessage() + ")";
            LOG.warn("bundle cache dropped cache={} reason=\"{}\" action=start-with-empty-cache", storage, reason);
            cache.wipe();
            return launch(factory, jars, cache).withCacheWiped(reason);
        }
    }

    /**
     * Stops a framework and waits for it.
     *
     * @param framework the framework
     * @param deadline how long to wait
     * @return whether it stopped within the deadline
     * @throws BundleException when the framework refuses to stop
     * @throws InterruptedException when interrupted while waiting
     */
    public static boolean stop(Framework framework, Duration deadline) throws BundleException, InterruptedException {
        framework.stop();
        return framework.waitForStop(deadline.toMillis()).getType() != FrameworkEvent.WAIT_TIMEDOUT;
    }

    private Launched launch(FrameworkFactory factory, List<Path> jars, BundleCache cache) throws LaunchFailure {
        Framework framework = newFramework(factory, cache != null);
        try {
            framework.init();
            BundleContext context = framework.getBundleContext();
            beforeInstall.accept(context);
            Launched launched = cache == null ? installFresh(framework, jars) : cache.synchronise(framework, jars);
            framework.start();
            startAll(launched.bundles());
            if (cache != null) {
                cache.commit();
            }
            LOG.debug("framework {} started: {}", storage, launched.cache());
            return launched;
        } catch (BundleException | RuntimeException e) {
            stopQuietly(framework);
            throw new LaunchFailure("the OSGi framework cannot start: " + e.getMessage(), e);
        } catch (LaunchFailure e) {
            stopQuietly(framework);
            throw e;
        }
    }

    private static FrameworkFactory factory() throws LaunchFailure {
        return ServiceLoader.load(FrameworkFactory.class, FelixLauncher.class.getClassLoader())
                .findFirst().orElseThrow(() -> new LaunchFailure("no OSGi framework on the class path"));
    }

    private Framework newFramework(FrameworkFactory factory, boolean kept) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        all.put(Constants.FRAMEWORK_STORAGE_CLEAN, kept ? "none" : Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, String> untyped = (Map) all; // Felix accepts objects (its logger) among the properties
        return factory.newFramework(untyped);
    }

    private static Launched installFresh(Framework framework, List<Path> jars) throws LaunchFailure {
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            bundles.add(install(framework.getBundleContext(), jar));
        }
        return new Launched(framework, bundles, CacheReport.fresh(bundles.size()));
    }

    /**
     * @param context a bundle context
     * @param jar a bundle jar, installed at its {@code file:} URI
     * @return the installed bundle
     * @throws LaunchFailure naming the jar when it cannot be read or is not a bundle
     */
    public static Bundle install(BundleContext context, Path jar) throws LaunchFailure {
        try (InputStream in = Files.newInputStream(jar)) {
            return context.installBundle(jar.toUri().toString(), in);
        } catch (IOException | BundleException e) {
            throw new LaunchFailure(jar + ": cannot be installed: " + e.getMessage(), e);
        }
    }

    private static void startAll(List<Bundle> bundles) throws LaunchFailure {
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException e) {
                throw new LaunchFailure("bundle " + bundle.getSymbolicName() + " cannot start: " + e.getMessage(), e);
            }
        }
    }

    /**
     * What a kept cache is only valid for: the framework (its jar) and the Java version that wrote it.
     */
    private static String cacheKey(FrameworkFactory factory) {
        String framework;
        try {
            Path jar = Path.of(factory.getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
            framework = jar.getFileName() + "@" + Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            framework = factory.getClass().getName();
        }
        return "framework=" + framework + ";java=" + System.getProperty("java.specification.version");
    }

    private static void stopQuietly(Framework framework) {
        try {
            stop(framework, DEFAULT_STOP);
        } catch (BundleException | RuntimeException e) {
            LOG.warn("framework stop failed after a failed start reason=\"{}\"", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
