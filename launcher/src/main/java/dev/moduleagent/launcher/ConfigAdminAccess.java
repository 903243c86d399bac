package dev.moduleagent.launcher;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Writes configurations through a framework's Configuration Admin from outside it (agent-core's integration tests, the
 * conformance kit). The Configuration Admin API lives inside the framework (exported by its bundle), not on the
 * caller's class path, so it is called reflectively through the types that bundle exports.
 */
public final class ConfigAdminAccess {

    private static final String ADMIN = "org.osgi.service.cm.ConfigurationAdmin";

    private ConfigAdminAccess() {
    }

    /**
     * Creates or replaces the configuration of a PID, bound to any bundle.
     *
     * @param context a bundle context of the framework
     * @param pid the configuration PID
     * @param properties the configuration properties
     * @param deadline how long to wait for Configuration Admin, which registers itself asynchronously
     * @throws InterruptedException when the waiting thread is interrupted
     * @throws ReflectiveOperationException when Configuration Admin is missing or refuses the configuration
     */
    public static void update(BundleContext context, String pid, Map<String, ?> properties, Duration deadline)
            throws ReflectiveOperationException, InterruptedException {
        ServiceReference<?> reference = await(context, deadline);
        if (reference == null) {
            StringBuilder states = new StringBuilder();
            for (Bundle bundle : context.getBundles()) {
                states.append(' ').append(bundle.getSymbolicName()).append('=').append(bundle.getState());
            }
            throw new ClassNotFoundException("no " + ADMIN + " service in the framework; bundles:" + states);
        }
        Object admin = context.getService(reference);
        try {
            Bundle provider = reference.getBundle();
            Class<?> adminType = provider.loadClass(ADMIN);
            Class<?> configurationType = provider.loadClass("org.osgi.service.cm.Configuration");
            Object configuration = adminType.getMethod("getConfiguration", String.class, String.class)
                    .invoke(admin, pid, "?");
            configurationType.getMethod("update", java.util.Dictionary.class)
                    .invoke(configuration, new Hashtable<>(properties));
        } catch (InvocationTargetException e) {
            throw new ReflectiveOperationException("configuration " + pid + " refused: " + e.getCause(), e);
        } finally {
            context.ungetService(reference);
        }
    }

    private static ServiceReference<?> await(BundleContext context, Duration deadline) throws InterruptedException {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, ADMIN, null);
        tracker.open(true);
        try {
            return tracker.waitForService(deadline.toMillis()) == null ? null : tracker.getServiceReference();
        } finally {
            tracker.close();
        }
    }
}
