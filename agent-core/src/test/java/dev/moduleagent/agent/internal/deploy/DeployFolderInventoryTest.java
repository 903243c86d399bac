package dev.moduleagent.agent.internal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployFolderInventoryTest {

    @TempDir
    Path folder;

    private static final Duration GRACE = Duration.ofSeconds(5);

    private final Map<Path, InstalledBundle> framework = new HashMap<>();
    private final AtomicLong clock = new AtomicLong();
    private final List<List<Map<String, Object>>> reports = new ArrayList<>();

    private DeployFolderInventory inventory() {
        return new DeployFolderInventory(folder, Pattern.compile("[^.].*\\.jar"),
                () -> framework,
                properties -> reports.add(deployOf(properties)), GRACE, clock::get);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> deployOf(Map<String, ?> properties) {
        return (List<Map<String, Object>>) properties.get("deploy");
    }

    @Test
    void everyJarIsListedWithItsBundleOrWhyItIsIgnored() throws IOException {
        Path hello = bundle("hello.jar", "dev.example.hello");
        framework.put(hello, new InstalledBundle("dev.example.hello", "1.0.0", "ACTIVE"));
        Path broken = bundle("broken.jar", "dev.example.broken");
        framework.put(broken, new InstalledBundle("dev.example.broken", "2.0.0", InstalledBundle.NOT_RESOLVED));
        Files.writeString(folder.resolve("garbage.jar"), "not a zip");
        bundle("library.jar", null);
        bundle("waiting.jar", "dev.example.waiting");
        Files.writeString(folder.resolve(".partial.jar"), "being copied");
        Files.writeString(folder.resolve("notes.txt"), "not a jar");

        inventory().refresh();

        assertEquals(1, reports.size());
        Map<String, Map<String, Object>> byFile = new HashMap<>();
        reports.get(0).forEach(entry -> byFile.put((String) entry.get("file"), entry));
        assertEquals(List.of("broken.jar", "garbage.jar", "hello.jar", "library.jar", "waiting.jar"),
                reports.get(0).stream().map(entry -> entry.get("file")).toList());
        assertEquals(Map.of("file", "hello.jar", "bundle", "dev.example.hello", "version", "1.0.0", "state", "ACTIVE"),
                byFile.get("hello.jar"));
        assertEquals("INSTALLED", byFile.get("broken.jar").get("state"));
        assertEquals(DeployFolderInventory.NOT_RESOLVED_ERROR, byFile.get("broken.jar").get("error"));
        assertEquals(DeployFolderInventory.IGNORED, byFile.get("garbage.jar").get("state"));
        assertTrue(((String) byFile.get("garbage.jar").get("error")).startsWith("not a jar (zip) file"));
        assertEquals("not an OSGi bundle: its manifest has no Bundle-SymbolicName", byFile.get("library.jar").get("error"));
        assertEquals("NEW", byFile.get("waiting.jar").get("state"), "a bundle FileInstall has not picked up yet");
    }

    @Test
    void aBundleWhoseActivatorThrewShowsWhyItIsOnlyResolved() throws IOException {
        Path broken = bundle("broken.jar", "dev.example.broken");
        framework.put(broken, new InstalledBundle("dev.example.broken", "1.0.0", "RESOLVED",
                "start failed: IllegalStateException: no device at /dev/ttyS9"));

        inventory().refresh();

        assertEquals(Map.of("file", "broken.jar", "bundle", "dev.example.broken", "version", "1.0.0",
                "state", "RESOLVED", "error", "start failed: IllegalStateException: no device at /dev/ttyS9"),
                reports.get(0).get(0));
    }

    @Test
    void theListIsReportedOnlyWhenItChangesAndForgetsRemovedJars() throws IOException {
        DeployFolderInventory inventory = inventory();
        Path hello = bundle("hello.jar", "dev.example.hello");
        inventory.refresh();
        inventory.refresh();
        assertEquals(1, reports.size(), "nothing changed, nothing reported");

        framework.put(hello, new InstalledBundle("dev.example.hello", "1.0.0", "ACTIVE"));
        inventory.refresh();
        assertEquals(2, reports.size());
        assertEquals("ACTIVE", reports.get(1).get(0).get("state"));

        Files.delete(hello);
        framework.remove(hello);
        inventory.refresh();
        assertEquals(List.of(), reports.get(2));
    }

    @Test
    void aFailedReportNeitherStopsTheRefreshNorIsForgotten() throws IOException {
        bundle("hello.jar", "dev.example.hello");
        List<Integer> attempts = new ArrayList<>();
        DeployFolderInventory inventory = new DeployFolderInventory(folder, Pattern.compile("[^.].*\\.jar"),
                Map::of, properties -> {
                    attempts.add(1);
                    if (attempts.size() == 1) {
                        throw new IllegalStateException("the state store is closing");
                    }
                    reports.add(deployOf(properties));
                }, GRACE, clock::get);
        inventory.refresh(); // must not throw: a scheduled task that throws is never run again
        inventory.refresh();
        assertEquals(2, attempts.size(), "the unchanged list is reported again after the failure");
        assertEquals("hello.jar", reports.get(0).get(0).get("file"));
        inventory.refresh();
        assertEquals(2, attempts.size(), "and not again once it went through");
    }

    @Test
    void aBundleJarThatFileInstallNeverInstallsIsReportedAfterTheGraceTime() throws IOException {
        DeployFolderInventory inventory = inventory();
        bundle("duplicate.jar", "dev.example.hello");
        inventory.refresh();
        assertEquals("NEW", reports.get(0).get(0).get("state"));
        clock.addAndGet(GRACE.toNanos() + 1);
        inventory.refresh();
        assertEquals(DeployFolderInventory.NOT_INSTALLED, reports.get(1).get(0).get("state"));
        assertEquals(DeployFolderInventory.NOT_INSTALLED_ERROR, reports.get(1).get(0).get("error"));
    }

    @Test
    void aLargeFolderIsCutToFitTheTwinAndSaysHowManyAreLeftOut() throws IOException {
        for (int i = 0; i < 200; i++) {
            Files.writeString(folder.resolve(String.format("garbage-%03d-%s.jar", i, "x".repeat(60))), "not a zip");
        }
        inventory().refresh();
        List<Map<String, Object>> deploy = reports.get(0);
        assertTrue(deploy.toString().length() <= DeployFolderInventory.MAX_REPORT_CHARS + 200, "bounded");
        Map<String, Object> last = deploy.get(deploy.size() - 1);
        assertEquals("TRUNCATED", last.get("state"));
        assertEquals((200 - (deploy.size() - 1)) + " more jars not listed", last.get("error"));
    }

    @Test
    void aReportTheAgentRefusesIsNotRetriedUntilTheListChanges() throws IOException {
        bundle("hello.jar", "dev.example.hello");
        List<Integer> attempts = new ArrayList<>();
        DeployFolderInventory inventory = new DeployFolderInventory(folder, Pattern.compile("[^.].*\\.jar"),
                Map::of, properties -> {
                    attempts.add(1);
                    throw new IllegalArgumentException("too large");
                }, GRACE, clock::get);
        inventory.refresh();
        inventory.refresh();
        assertEquals(1, attempts.size());
        bundle("other.jar", "dev.example.other");
        inventory.refresh();
        assertEquals(2, attempts.size());
    }

    @Test
    void aMissingFolderIsNotReportedAsEmpty() {
        DeployFolderInventory inventory = new DeployFolderInventory(folder.resolve("absent"),
                Pattern.compile(".*\\.jar"), Map::of, properties -> reports.add(deployOf(properties)),
                GRACE, clock::get);
        inventory.refresh();
        assertEquals(List.of(), reports);
    }

    /** A jar with only a manifest: a bundle when a symbolic name is given, a plain library otherwise. */
    private Path bundle(String name, String symbolicName) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        Path jar = folder.resolve(name).toAbsolutePath().normalize();
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // manifest only
        }
        return jar;
    }
}
