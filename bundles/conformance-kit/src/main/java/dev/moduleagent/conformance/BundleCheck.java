package dev.moduleagent.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.ComponentName;
import dev.moduleagent.api.ReportedProperties;
import dev.moduleagent.conformance.internal.ClassPathBundles;
import dev.moduleagent.conformance.internal.SystemExports;
import dev.moduleagent.conformance.internal.ThreadWatch;
import dev.moduleagent.launcher.ConfigAdminAccess;
import dev.moduleagent.launcher.FelixLauncher;
import dev.moduleagent.launcher.Launched;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Checks a plug-in bundle in a real Felix framework (with SCR and Configuration Admin, and the plug-in API exported
 * from the api jar on the class path): starting the bundle registers its {@link ComponentHandler} named by
 * {@link ComponentName} (or the raw {@code moduleagent.component} property); stopping it unregisters every service it registered and ends every thread
 * it started, within a deadline.
 *
 * <pre>{@code
 * BundleCheck.ofProjectBundle("hello")
 *     .whileActive((kit, reported) -> kit.expect(200, Map.of("name", "Ada")))
 *     .run(tempDir);
 * }</pre>
 *
 * <p>Run it as a failsafe {@code *IT} after {@code package}: it needs the plug-in's bundle jar.
 */
public final class BundleCheck {

    /** The system property {@link #ofProjectBundle} reads the bundle jar's path from. */
    public static final String BUNDLE_PROPERTY = "conformance.bundle";

    private final Path bundleJar;
    private final String component;
    private final Map<String, Map<String, ?>> configurations = new LinkedHashMap<>();
    private ActiveCheck whileActive = (kit, reported) -> { };
    private Duration deadline = Duration.ofSeconds(10);
    private Predicate<Thread> ignoredThreads = ThreadWatch.JDK_THREADS;

    private BundleCheck(Path bundleJar, String component) {
        this.bundleJar = bundleJar;
        this.component = component;
    }

    /**
     * @param bundleJar the plug-in's bundle jar
     * @param component the component its handler owns
     * @return a check
     */
    public static BundleCheck of(Path bundleJar, String component) {
        return new BundleCheck(bundleJar, component);
    }

    /**
     * @param component the component the handler owns
     * @return a check of the jar named by the system property {@value #BUNDLE_PROPERTY}
     */
    public static BundleCheck ofProjectBundle(String component) {
        String jar = System.getProperty(BUNDLE_PROPERTY);
        assertNotNull(jar, "set the system property " + BUNDLE_PROPERTY + " to the plug-in's bundle jar"
                + " (failsafe: ${project.build.directory}/${project.build.finalName}.jar)");
        return of(Path.of(jar), component);
    }

    /**
     * @param pid a configuration PID
     * @param properties its properties, given to Configuration Admin before the bundle starts
     * @return this check
     */
    public BundleCheck configuration(String pid, Map<String, ?> properties) {
        configurations.put(pid, properties);
        return this;
    }

    /**
     * @param check what to do with the handler while the bundle is active
     * @return this check
     */
    public BundleCheck whileActive(ActiveCheck check) {
        this.whileActive = check;
        return this;
    }

    /**
     * @param wait how long registration and release may take (default ten seconds)
     * @return this check
     */
    public BundleCheck within(Duration wait) {
        this.deadline = wait;
        return this;
    }

    /**
     * @param ignored threads that are not the bundle's (in addition to the JDK's own)
     * @return this check
     */
    public BundleCheck ignoringThreads(Predicate<Thread> ignored) {
        this.ignoredThreads = ThreadWatch.JDK_THREADS.or(ignored);
        return this;
    }

    /**
     * Starts a framework in {@code folder}, runs the check and stops the framework.
     *
     * @param folder an empty folder for the framework's storage
     * @return what the check saw
     * @throws Exception when the framework or the bundle fails, or a check fails (an {@link AssertionError})
     */
    public BundleReport run(Path folder) throws Exception {
        assertTrue(Files.isRegularFile(bundleJar), "no bundle jar at " + bundleJar + "; run after package");
        ReportedPropertiesRecorder recorder = new ReportedPropertiesRecorder();
        Map<String, Object> properties = Map.of(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, systemExports(),
                "felix.resolver.parallelism", "1");
        Launched launched = new FelixLauncher(folder.resolve("felix"), properties)
                .start(ClassPathBundles.find(BundleCheck.class.getClassLoader()));
        try {
            BundleContext context = launched.framework().getBundleContext();
            context.registerService(ReportedProperties.class, recorder, null);
            for (Map.Entry<String, Map<String, ?>> configuration : configurations.entrySet()) {
                ConfigAdminAccess.update(context, configuration.getKey(), configuration.getValue(), deadline);
            }
            ThreadWatch watch = ThreadWatch.snapshot();
            Bundle bundle = FelixLauncher.install(context, bundleJar);
            bundle.start();
            Map<String, Object> serviceProperties = exercise(context, bundle, recorder);
            List<String> threadsWhileActive = ThreadWatch.names(watch.newThreads(ignoredThreads));
            bundle.stop();
            assertNull(bundle.getRegisteredServices(), component + ": services left registered after stop");
            assertNull(context.getServiceReferences(ComponentHandler.class.getName(), filter()),
                    component + ": handler still registered after stop");
            List<String> left = watch.awaitReleased(deadline, ignoredThreads);
            assertEquals(List.of(), left, component + ": threads still alive " + deadline + " after stop");
            String version = bundle.getVersion().toString();
            bundle.uninstall();
            return new BundleReport(bundle.getSymbolicName(), version, serviceProperties, threadsWhileActive,
                    recorder.all());
        } finally {
            FelixLauncher.stop(launched.framework(), FelixLauncher.DEFAULT_STOP);
        }
    }

    private Map<String, Object> exercise(BundleContext context, Bundle bundle, ReportedPropertiesRecorder recorder)
            throws Exception {
        ServiceTracker<ComponentHandler, ComponentHandler> tracker =
                new ServiceTracker<>(context, context.createFilter(filter()), null);
        tracker.open();
        try {
            ComponentHandler handler = tracker.waitForService(deadline.toMillis());
            assertNotNull(handler, component + ": no ComponentHandler registered within " + deadline
                    + " (bundle state " + bundle.getState() + ")");
            ServiceReference<ComponentHandler> reference = tracker.getServiceReference();
            assertEquals(bundle, reference.getBundle(), component + ": the handler comes from another bundle");
            Map<String, Object> properties = new LinkedHashMap<>();
            for (String key : reference.getPropertyKeys()) {
                properties.put(key, reference.getProperty(key));
            }
            whileActive.run(ConformanceKit.forService(component, handler), recorder);
            return properties;
        } finally {
            tracker.close();
        }
    }

    /** The typed {@link ComponentName} property, or the raw one that bundles built before API 1.2.0 set. */
    @SuppressWarnings("deprecation")
    private String filter() {
        return "(&(objectClass=" + ComponentHandler.class.getName() + ")(|(" + ComponentName.PROPERTY + "="
                + component + ")(" + ComponentHandler.COMPONENT + "=" + component + ")))";
    }

    private static String systemExports() throws java.io.IOException {
        List<String> exports = new ArrayList<>(SystemExports.of(ComponentHandler.class, "dev.moduleagent.api",
                "dev.moduleagent.api;version=\"1.0.0\""));
        try {
            Class<?> logger = Class.forName("org.slf4j.Logger", false, BundleCheck.class.getClassLoader());
            exports.addAll(SystemExports.of(logger, "org.slf4j", "org.slf4j;version=\"2.0.0\""));
        } catch (ClassNotFoundException e) {
            // no SLF4J on the class path: plug-ins that log cannot resolve, which the check then reports
        }
        return String.join(",", exports);
    }
}
