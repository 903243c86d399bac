package dev.moduleagent.conformance.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A Felix framework in a temporary folder with Declarative Services and Configuration Admin, started the way the
 * runtime's launcher starts it: init, install every bundle, start the non-fragments.
 */
public final class EmbeddedFramework implements AutoCloseable {

    /** The infrastructure bundles, in install order. */
    public static final List<String> INFRASTRUCTURE = List.of("org.osgi.util.function", "org.osgi.util.promise",
            "org.osgi.service.component", "org.apache.felix.configadmin", "org.apache.felix.scr");

    private final Framework framework;

    private EmbeddedFramework(Framework framework) {
        this.framework = framework;
    }

    /**
     * @param folder the framework's storage folder
     * @param systemPackagesExtra packages the system bundle exports from the class path
     * @param bundles the bundle jars to install and start
     * @return the started framework
     * @throws BundleException when the framework or a bundle does not start
     */
    public static EmbeddedFramework start(Path folder, String systemPackagesExtra, List<Path> bundles)
            throws BundleException {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, folder.toAbsolutePath().toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, systemPackagesExtra);
        properties.put("felix.resolver.parallelism", "1");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, EmbeddedFramework.class.getClassLoader())
                .findFirst().orElseThrow(() -> new BundleException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(properties);
        framework.init();
        EmbeddedFramework embedded = new EmbeddedFramework(framework);
        try {
            List<Bundle> installed = new ArrayList<>();
            for (Path jar : bundles) {
                installed.add(embedded.install(jar));
            }
            framework.start();
            for (Bundle bundle : installed) {
                if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    bundle.start();
                }
            }
        } catch (BundleException | RuntimeException e) {
            embedded.close();
            throw e;
        }
        return embedded;
    }

    /** @return the system bundle's context */
    public BundleContext context() {
        return framework.getBundleContext();
    }

    /**
     * @param jar a bundle jar
     * @return the installed bundle
     * @throws BundleException when it cannot be installed
     */
    public Bundle install(Path jar) throws BundleException {
        return framework.getBundleContext().installBundle(jar.toUri().toString());
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } catch (BundleException e) {
            throw new IllegalStateException("the framework did not stop: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
