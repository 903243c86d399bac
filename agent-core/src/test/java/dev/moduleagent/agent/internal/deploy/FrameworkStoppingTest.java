package dev.moduleagent.agent.internal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.launch.Framework;

/**
 * What the deploy inventory relies on to tell a stop from a start failure: in Felix, the system bundle is already
 * STOPPING when the framework stops the other bundles (they end RESOLVED and still marked started, as after a failed
 * start), and a stopped framework counts as stopping too.
 */
class FrameworkStoppingTest {

    @TempDir
    Path dir;

    @Test
    void theFrameworkIsStoppingWhileItStopsTheDeployFoldersBundles() throws Exception {
        Framework framework = new FrameworkFactory().newFramework(Map.of(Constants.FRAMEWORK_STORAGE,
                dir.resolve("cache").toString(), Constants.FRAMEWORK_STORAGE_CLEAN,
                Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        BundleContext context = framework.getBundleContext();
        Bundle plugin = context.installBundle(bundleJar(dir.resolve("deploy/plugin.jar")).toUri().toString());
        plugin.start();
        assertFalse(DeployFolderWatch.frameworkStopping(context), "a running framework");

        List<String> seen = new CopyOnWriteArrayList<>();
        context.addBundleListener((SynchronousBundleListener) event -> {
            if (event.getBundle().equals(plugin) && event.getType() == BundleEvent.STOPPED) {
                seen.add(plugin.getState() == Bundle.RESOLVED ? "resolved" : "state " + plugin.getState());
                seen.add(DeployFolderWatch.frameworkStopping(context) ? "stopping" : "running");
            }
        });
        framework.stop();
        framework.waitForStop(30_000);

        assertEquals(List.of("resolved", "stopping"), seen,
                "the plug-in ends RESOLVED while the framework counts as stopping");
        assertTrue(DeployFolderWatch.frameworkStopping(context), "a stopped framework (its context is no longer valid)");
    }

    private static Path bundleJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, "test.plugin");
        main.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
