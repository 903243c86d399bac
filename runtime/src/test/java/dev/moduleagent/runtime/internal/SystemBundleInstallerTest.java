package dev.moduleagent.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.runtime.LaunchException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/** Runs the installer against a real framework whose cache is kept between two launches. */
class SystemBundleInstallerTest {

    @TempDir
    Path dir;

    private Framework framework;

    @AfterEach
    void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @Test
    void updatesACachedBundleWhoseJarWasReplacedBetweenLaunches() throws Exception {
        Path jar = bundle("a.jar", "test.a", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
        long firstId = launch().get(0).getBundleId();
        stopFramework();

        bundle("a.jar", "test.a", "2.0.0", Instant.parse("2026-01-02T00:00:00Z"));
        List<Bundle> bundles = launch();

        assertEquals("2.0.0", bundles.get(0).getVersion().toString());
        assertEquals(firstId, bundles.get(0).getBundleId(), "updated in place, not installed anew");
        assertTrue(Files.exists(jar));
    }

    @Test
    void keepsAnUnchangedCachedBundle() throws Exception {
        bundle("a.jar", "test.a", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
        long modified = launch().get(0).getLastModified();
        stopFramework();

        List<Bundle> bundles = launch();

        assertEquals(modified, bundles.get(0).getLastModified());
    }

    @Test
    void uninstallsACachedBundleWhoseJarLeftTheFolder() throws Exception {
        Path old = bundle("a-1.0.jar", "test.a", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
        launch();
        stopFramework();

        Files.delete(old);
        bundle("a-2.0.jar", "test.a", "2.0.0", Instant.parse("2026-01-02T00:00:00Z"));
        List<Bundle> bundles = launch();

        assertEquals(1, bundles.size());
        assertEquals("2.0.0", bundles.get(0).getVersion().toString());
        assertNull(framework.getBundleContext().getBundle(old.toUri().toString()));
    }

    @Test
    void namesTheJarThatIsNotABundle() throws Exception {
        Path garbage = Files.write(system().resolve("broken.jar"), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'});

        LaunchException e = assertThrows(LaunchException.class, this::launch);

        assertTrue(e.getMessage().startsWith(garbage.toString()), e.getMessage());
    }

    @Test
    void namesAMissingSystemFolder() throws Exception {
        newFramework();

        LaunchException e = assertThrows(LaunchException.class,
                () -> new SystemBundleInstaller(framework.getBundleContext(), dir.resolve("missing")).installAll());

        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    private List<Bundle> launch() throws Exception {
        newFramework();
        return new SystemBundleInstaller(framework.getBundleContext(), system()).installAll();
    }

    private void newFramework() throws Exception {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
        framework = factory.newFramework(Map.of("org.osgi.framework.storage", dir.resolve("cache").toString(),
                "org.osgi.framework.storage.clean", "none"));
        framework.init();
    }

    private Path system() throws IOException {
        return Files.createDirectories(dir.resolve("system"));
    }

    private Path bundle(String fileName, String symbolicName, String version, Instant modified) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        Path jar = system().resolve(fileName);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // a bundle with a manifest and nothing else
        }
        Files.setLastModifiedTime(jar, FileTime.from(modified));
        return jar;
    }
}
