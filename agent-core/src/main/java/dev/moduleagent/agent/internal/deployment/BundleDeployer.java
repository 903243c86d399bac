package dev.moduleagent.agent.internal.deployment;

import dev.moduleagent.agent.internal.plugin.PluginServices;
import dev.moduleagent.api.ComponentHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Felix does the installing: a deployed plug-in is one bundle at the location {@code moduleagent:plugin:<name>},
 * installed from, or updated in place with, a jar of the deployer's folder (so never two versions at once), its
 * wiring refreshed, and started. Bundles at other locations (the operator's {@code deploy/} folder) are never touched.
 */
final class BundleDeployer {

    static final String LOCATION_PREFIX = "moduleagent:plugin:";
    private static final long REFRESH_WAIT_SECONDS = 60;

    private final BundleContext context;

    BundleDeployer(BundleContext context) {
        this.context = context;
    }

    /** @return the deployed bundle of this plug-in, or {@code null} */
    Bundle deployed(String name) {
        return context.getBundle(LOCATION_PREFIX + name);
    }

    /** @return a bundle with this symbolic name that the deployer did not install, or {@code null} */
    Bundle foreign(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName()) && !bundle.getLocation().startsWith(LOCATION_PREFIX)) {
                return bundle;
            }
        }
        return null;
    }

    /**
     * Installs the jar as the plug-in's bundle, or updates the bundle in place, then refreshes and starts it.
     *
     * @return the bundle
     * @throws DeploymentFailure 500 when Felix refuses it (does not resolve, activator fails)
     * @throws InterruptedException when the agent stops
     */
    Bundle installOrUpdate(String name, Path jar) throws DeploymentFailure, InterruptedException {
        Bundle bundle = deployed(name);
        try (InputStream in = Files.newInputStream(jar)) {
            if (bundle == null) {
                bundle = context.installBundle(LOCATION_PREFIX + name, in);
            } else {
                bundle.update(in);
            }
        } catch (BundleException | IOException | IllegalStateException e) {
            throw new DeploymentFailure(500, "Felix refused the jar: " + e.getMessage(), e);
        }
        refresh(bundle);
        try {
            bundle.start();
        } catch (BundleException | IllegalStateException e) {
            throw new DeploymentFailure(500, "the bundle does not start: " + e.getMessage(), e);
        }
        return bundle;
    }

    /** Uninstalls the plug-in's bundle, if there is one. */
    void uninstall(String name) throws InterruptedException {
        Bundle bundle = deployed(name);
        if (bundle == null) {
            return;
        }
        try {
            bundle.uninstall();
        } catch (BundleException | IllegalStateException e) {
            return; // already gone
        }
        refresh(bundle);
    }

    /** @return the components whose {@code ComponentHandler} the plug-in's bundle registers now */
    Set<String> components(String name) {
        Bundle bundle = deployed(name);
        return bundle == null ? Set.of()
                : PluginServices.components(bundle, List.of(ComponentHandler.class.getName()));
    }

    /** @return the version of the plug-in's installed bundle, or {@code null} */
    Version installedVersion(String name) {
        Bundle bundle = deployed(name);
        return bundle == null ? null : bundle.getVersion();
    }

    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        done.await(REFRESH_WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
