package dev.moduleagent.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.launcher.internal.BundleCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** Launches a real Felix twice over the same storage folder: what a kept cache reuses, updates, drops and wipes. */
class FelixLauncherTest {

    @TempDir
    Path dir;

    private Launched launched;

    @AfterEach
    void stopFramework() throws Exception {
        if (launched != null) {
            assertTrue(FelixLauncher.stop(launched.framework(), Duration.ofSeconds(10)), "framework stopped");
            launched = null;
        }
    }

    @Test
    void aSecondLaunchWithUnchangedJarsReinstallsNothing() throws Exception {
        Path jar = bundle("a.jar", "test.a", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
        Bundle first = launch(jar).bundles().get(0);
        long id = first.getBundleId();
        long modified = first.getLastModified();
        stopFramework();

        Launched second = launch(jar);

        assertEquals(new CacheReport(0, 0, 0, 1, null), second.cache());
        assertEquals(id, second.bundles().get(0).getBundleId());
        assertEquals(modified, second.bundles().get(0).getLastModified(), "not installed or updated again");
        assertEquals(Bundle.ACTIVE, second.bundles().get(0).getState());
    }

    @Test
    void aChangedJarIsUpdatedInPlace() throws Exception {
        Path jar = bundle("a.jar", "test.a", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
        Path other = bundle("b.jar", "test.b", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
        long id = launch(jar, other).bundles().get(0).getBundleId();
        stopFramework();

        bundle("a.jar", "test.a", "2.0.0", Instant.parse("2026-01-02T00:00:00Z"));
        Launched second = launch(jar, other);

        assertEquals(new CacheReport(0, 1, 0, 1, null), second.cache());
        assertEquals("2.0.0", second.bundle("test.a").getVersion().toString());
        assertEquals(id, second.bundle("test.a").getBundleId(), "updated in place, not installed anew");
    }

    @Test
    void aJarNoLongerLaunchedIsUninstalledAndANewOneInstalled() throws Exception {
        Path old = bundle("a-1.0.jar", "test.a", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
        launch(old);
        stopFramework();

        Path renewed = bundle("a-2.0.jar", "test.a", "2.0.0", Instant.parse("2026-01-02T00:00:00Z"));
        Launched second = launch(renewed);

        assertEquals(new CacheReport(1, 0, 1, 0, null), second.cache());
        assertNull(second.framework().getBundleContext().getBundle(old.toUri().toString()));
        assertEquals("2.0.0", second.bundle("test.a").getVersion().toString());
    }

    @Test
    void aCorruptCacheIsWipedAndTheLaunchStillStarts() throws Exception {
        Path jar = bundle("a.jar", "test.a", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
        launch(jar);
        stopFramework();
        for (Path file : cacheFiles(Files::isRegularFile)) {
            Files.writeString(file, "\\u00zz garbage");
        }

        Launched second = launch(jar);

        assertNotNull(second.cache().wipedBecause(), second.cache().toString());
        assertEquals(1, second.cache().installed());
        assertEquals(Bundle.ACTIVE, second.bundle("test.a").getState());
    }

    @Test
    void aCacheOfAnotherFrameworkOrJavaVersionIsWiped() throws Exception {
        Path jar = bundle("a.jar", "test.a", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
        launch(jar);
        stopFramework();
        Path index = cache().resolve(BundleCache.INDEX);
        String text = Files.readString(index, StandardCharsets.ISO_8859_1);
        Files.writeString(index, text.replaceAll("cache.key=.*", "cache.key=framework\\\\=felix-6.0.0.jar;java\\\\=11"),
                StandardCharsets.ISO_8859_1);

        Launched second = launch(jar);

        assertTrue(second.cache().wipedBecause().contains("another framework or Java version"),
                second.cache().toString());
        assertEquals(1, second.cache().installed());
    }

    @Test
    void aCachedBundleWhoseCopyFelixLostIsInstalledAgain() throws Exception {
        Path jar = bundle("a.jar", "test.a", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
        launch(jar);
        stopFramework();
        for (Path content : cacheFiles(p -> p.getFileName().toString().equals("bundle.jar"))) {
            Files.delete(content); // Felix's copy of the bundle is gone; its index still lists it
        }

        Launched second = launch(jar);

        assertEquals(Bundle.ACTIVE, second.bundle("test.a").getState());
        assertEquals(1, second.cache().installed() + second.cache().updated(), second.cache().toString());
    }

    @Test
    void withoutAKeptCacheEveryLaunchInstallsEverything() throws Exception {
        Path jar = bundle("a.jar", "test.a", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
        new FelixLauncher(cache(), Map.of()).start(List.of(jar)).framework().stop();
        launched = null;

        launched = new FelixLauncher(cache(), Map.of()).start(List.of(jar));

        assertEquals(CacheReport.fresh(1), launched.cache());
    }

    @Test
    void namesTheJarThatIsNotABundle() throws Exception {
        Path garbage = Files.write(system().resolve("broken.jar"), "not a zip".getBytes(StandardCharsets.US_ASCII));

        LaunchFailure e = assertThrows(LaunchFailure.class, () -> launch(garbage));

        assertTrue(e.getMessage().startsWith(garbage.toString()), e.getMessage());
    }

    private Launched launch(Path... jars) throws LaunchFailure {
        launched = new FelixLauncher(cache(), Map.of()).keepCache().start(List.of(jars));
        return launched;
    }

    private List<Path> cacheFiles(Predicate<Path> which) throws IOException {
        try (Stream<Path> files = Files.walk(cache())) {
            return files.filter(which).toList();
        }
    }

    private Path cache() {
        return dir.resolve("cache");
    }

    private Path system() throws IOException {
        return Files.createDirectories(dir.resolve("system"));
    }

    private Path bundle(String fileName, String symbolicName, String version, Instant modified) throws IOException {
        Path jar = TestJars.bundle(system().resolve(fileName), symbolicName, version);
        Files.setLastModifiedTime(jar, FileTime.from(modified));
        return jar;
    }
}
