package dev.moduleagent.agent.it;

import dev.moduleagent.launcher.ConfigAdminAccess;
import dev.moduleagent.launcher.FelixLauncher;
import dev.moduleagent.launcher.Launched;
import dev.moduleagent.launcher.RunBundles;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * The agent's run bundles (runtime/agent.bndrun, {@link RunBundles}) in a real Felix started by the one launcher, as
 * the runtime runs them: agent-core from this build, the others from {@code it.bundles.dir}. Bundle classes are
 * reached only by reflection through the framework, never from the test class path.
 */
final class FelixHarness implements AutoCloseable {

    /** SLF4J comes from the launcher's class path, exported by the system bundle with explicit versions. */
    private static final String SLF4J_EXPORTS = "org.slf4j;version=2.0.16,org.slf4j.event;version=2.0.16,"
            + "org.slf4j.helpers;version=2.0.16,org.slf4j.spi;version=2.0.16";

    private final Launched launched;

    private FelixHarness(Launched launched) {
        this.launched = launched;
    }

    /**
     * @param work a folder for the framework's cache and FileInstall's (empty) watched folder
     * @param bundleDir jars to pick the run bundles from
     * @param agentBundle the agent-core jar of this build
     * @return the started framework with every run bundle started
     */
    static FelixHarness start(Path work, Path bundleDir, Path agentBundle) throws Exception {
        List<Path> candidates = new ArrayList<>(List.of(agentBundle));
        try (Stream<Path> listing = Files.list(bundleDir)) {
            listing.sorted().forEach(candidates::add);
        }
        List<Path> jars = RunBundles.agent().select(candidates);
        Map<String, Object> properties = Map.of(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SLF4J_EXPORTS,
                "felix.fileinstall.dir", Files.createDirectories(work.resolve("deploy")).toString());
        return new FelixHarness(new FelixLauncher(work.resolve("felix-cache"), properties).start(jars));
    }

    List<Bundle> bundles() {
        return Collections.unmodifiableList(launched.bundles());
    }

    Bundle bundle(String symbolicName) {
        return launched.bundle(symbolicName);
    }

    BundleContext context() {
        return launched.framework().getBundleContext();
    }

    /** Creates or updates a configuration through the framework's Configuration Admin. */
    void configure(String pid, Dictionary<String, Object> properties) throws Exception {
        Map<String, Object> map = new java.util.HashMap<>();
        for (String key : Collections.list(properties.keys())) {
            map.put(key, properties.get(key));
        }
        ConfigAdminAccess.update(context(), pid, map, Duration.ofSeconds(10));
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
        FelixLauncher.stop(launched.framework(), FelixLauncher.DEFAULT_STOP);
    }

    static File file(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through failsafe)");
        }
        return new File(value);
    }
}
