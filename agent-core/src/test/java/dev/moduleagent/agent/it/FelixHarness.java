package dev.moduleagent.agent.it;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A real Felix with the bundles from {@code it.bundles.dir} and the agent-core jar, as the runtime will run them.
 * Bundle classes are reached only by reflection through the framework, never from the test class path.
 */
final class FelixHarness implements AutoCloseable {

    /** SLF4J comes from the launcher's class path, exported by the system bundle with explicit versions. */
    private static final String SLF4J_EXPORTS = "org.slf4j;version=2.0.16,org.slf4j.event;version=2.0.16,"
            + "org.slf4j.helpers;version=2.0.16,org.slf4j.spi;version=2.0.16";

    private final Framework framework;
    private final List<Bundle> bundles = new ArrayList<>();

    FelixHarness(Path storage) throws BundleException {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SLF4J_EXPORTS);
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.init();
    }

    /** Installs every jar of the folder plus the agent bundle, then starts the framework and each bundle. */
    void installAndStart(Path bundleDir, Path agentBundle) throws Exception {
        BundleContext context = framework.getBundleContext();
        List<Path> jars;
        try (Stream<Path> listing = Files.list(bundleDir)) {
            jars = new ArrayList<>(listing.filter(p -> p.toString().endsWith(".jar")).sorted().toList());
        }
        jars.add(agentBundle);
        for (Path jar : jars) {
            bundles.add(context.installBundle(jar.toUri().toString()));
        }
        framework.start();
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
    }

    List<Bundle> bundles() {
        return bundles;
    }

    Bundle bundle(String symbolicName) {
        return bundles.stream().filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst().orElseThrow();
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Creates or updates a configuration through the framework's ConfigurationAdmin (by reflection). */
    void configure(String pid, Dictionary<String, Object> properties) throws Exception {
        ServiceReference<?> reference = context().getServiceReference("org.osgi.service.cm.ConfigurationAdmin");
        Object admin = context().getService(reference);
        Class<?> adminType = reference.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Class<?> configurationType = reference.getBundle().loadClass("org.osgi.service.cm.Configuration");
        Object configuration = adminType.getMethod("getConfiguration", String.class, String.class)
                .invoke(admin, pid, "?");
        configurationType.getMethod("update", Dictionary.class).invoke(configuration, properties);
    }

    /** @return the registered service of that class, or {@code null} */
    Object service(String className) {
        ServiceReference<?> reference = context().getServiceReference(className);
        return reference == null ? null : context().getService(reference);
    }

    /** Invokes a method of an interface type the framework knows, on a service object. */
    Object invoke(Bundle owner, String typeName, Object target, String method, Class<?>[] types, Object... args)
            throws Exception {
        Method m = owner.loadClass(typeName).getMethod(method, types);
        return m.invoke(target, args);
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(30_000);
    }

    static File file(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through failsafe)");
        }
        return new File(value);
    }
}
