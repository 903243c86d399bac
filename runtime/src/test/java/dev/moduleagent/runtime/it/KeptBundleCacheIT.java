package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent process over one home started four times against a real local hub on 127.0.0.86: the second start
 * installs nothing (the bundle cache is kept), a system jar that changed is updated, and a corrupt cache is wiped and
 * the agent still starts and acknowledges.
 */
class KeptBundleCacheIT extends AgentItSupport {

    private static final String MODULE = "kept-cache";

    @TempDir
    static Path hubDir;

    @BeforeAll
    static void startHub() throws Exception {
        startHub("127.0.0.86", hubDir.resolve("hub"));
    }

    @AfterAll
    static void closeHub() {
        stopHub();
    }

    @Test
    void aSecondStartKeepsTheCacheAChangedJarIsUpdatedAndACorruptCacheIsWiped() throws Exception {
        AgentHome home = home(MODULE);
        Path system = ownSystemFolder(home);
        deployExample(home, "example-hello");
        long bundles;
        try (Stream<Path> jars = Files.list(system)) {
            bundles = jars.filter(p -> p.toString().endsWith(".jar")).count();
        }

        startAndAcknowledge(home, "Ada");
        assertLaunch(home, 1, "installed=" + bundles + " updated=0 uninstalled=0 kept=0");

        startAndAcknowledge(home, "Bob");
        assertLaunch(home, 2, "installed=0 updated=0 uninstalled=0 kept=" + bundles);

        try (Stream<Path> jars = Files.list(system)) {
            Path gson = jars.filter(p -> p.getFileName().toString().startsWith("gson-")).findFirst().orElseThrow();
            Files.setLastModifiedTime(gson, FileTime.from(Instant.now().plusSeconds(3600)));
        }
        startAndAcknowledge(home, "Cy");
        assertLaunch(home, 3, "installed=0 updated=1 uninstalled=0 kept=" + (bundles - 1));

        try (Stream<Path> files = Files.walk(home.dir().resolve("data/felix-cache"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.writeString(file, "\\u00zz not what was written");
            }
        }
        startAndAcknowledge(home, "Di");
        assertLaunch(home, 4, "installed=" + bundles + " updated=0 uninstalled=0 kept=0 wiped=");
    }

    /** Replaces the home's link to the distribution's system/ by a copy, so that the test can change a jar. */
    private static Path ownSystemFolder(AgentHome home) throws IOException {
        Path link = home.dir().resolve("system");
        Path shared = link.toRealPath();
        Files.delete(link);
        Files.createDirectories(link);
        try (Stream<Path> jars = Files.list(shared)) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, link.resolve(jar.getFileName()));
            }
        }
        return link;
    }

    private void startAndAcknowledge(AgentHome home, String name) throws Exception {
        AgentProcess agent = start(home);
        long version = hub.patchDesired(DEVICE, MODULE, Desired.patch().component("hello", "name", name).json());
        awaitAcks(MODULE, Map.of("hello", List.of("name")), version, 200);
        assertEquals(143, agent.terminate(Duration.ofSeconds(40)), "exit code of a JVM stopped by SIGTERM");
    }

    private static void assertLaunch(AgentHome home, int start, String expected) throws IOException {
        List<String> launches = Files.readAllLines(home.log()).stream()
                .filter(line -> line.contains("agent started systemBundles=")).toList();
        assertEquals(start, launches.size(), launches.toString());
        assertTrue(launches.get(start - 1).contains(" " + expected), launches.get(start - 1));
    }
}
