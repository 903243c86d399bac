package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.moduleagent.runtime.demo.TwinView;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plug-ins installed, updated and removed through the deploy folder of a running agent (hub on 127.0.0.23). */
class HotDeployIT extends AgentItSupport {

    /** The requirement on a gateway: a dropped jar is live within this (FileInstall polls every 100 ms, two scans). */
    private static final Duration LIVE_WITHIN = Duration.ofSeconds(1);
    /**
     * What the test asserts: the requirement × 3. The build machine has 2 cores shared by Maven, the hub, the agent
     * under test and other test JVMs; there (DeployPollFigures at load average 45) file → bundle started measured a
     * median of 1.09 s and a max of 1.94 s with the 100 ms poll (the former 1 s poll: median 2.67 s), and a JVM stalled
     * by its neighbours must not fail the build. A regression that matters (the old 1 s poll's two scans plus install,
     * a restart of the agent or of Felix instead of one bundle) takes longer than this.
     */
    private static final Duration ASSERTED_LIVE = LIVE_WITHIN.multipliedBy(3);
    /** The twin follows the bundle event within one report-throttle second. */
    private static final Duration ASSERTED_TWIN = ASSERTED_LIVE.plusSeconds(1);
    private static final Duration DEADLINE = CONVERGE;

    @TempDir
    static Path hubDir;

    @BeforeAll
    static void startHub() throws Exception {
        startHub("127.0.0.23", hubDir.resolve("hub"));
    }

    @AfterAll
    static void closeHub() {
        stopHub();
    }

    @Test
    void aPlugInIsInstalledUpdatedAndRemovedWhileNothingElseRestarts() throws Exception {
        AgentHome home = home("hot-deploy");
        deployExample(home, "example-hello");
        start(home);
        long v1 = hub.patchDesired(DEVICE, "hot-deploy",
                Desired.patch().component("hello", "name", "Ada").component("hotplug", "level", 1).json());
        awaitAcks("hot-deploy", Map.of("hello", List.of("name")), v1, 200);

        long dropped = deployFixture(home, "hotplug", "1.0.0");
        Duration installLive = logged(home, dropped, "plug-in started file=fixture-hotplug.jar bundle=dev.moduleagent.fixture.hotplug version=1.0.0");
        Duration install = since(dropped, "hotplug 1.0.0 acknowledges",
                twin -> "1.0.0".equals(text(twin, "hotplug", "build"))
                        && twin.missingAcks(Map.of("hotplug", List.of("level")), v1, 200).isEmpty()
                        && "1.0.0".equals(inventory(twin, "hotplug", "bundleVersion")));

        Path v2 = fixtures.build("hotplug", "2.0.0", dir.resolve("fixtures/hotplug-2.0.0.jar"));
        long replaced = home.deploy(v2, "fixture-hotplug.jar");
        Duration updateLive = logged(home, replaced, "plug-in started file=fixture-hotplug.jar bundle=dev.moduleagent.fixture.hotplug version=2.0.0");
        Duration update = since(replaced, "hotplug updated to 2.0.0",
                twin -> "2.0.0".equals(text(twin, "hotplug", "build"))
                        && "2.0.0".equals(inventory(twin, "hotplug", "bundleVersion")));

        long removed = System.nanoTime();
        Files.delete(home.deploy().resolve("fixture-hotplug.jar"));
        Duration removalLive = logged(home, removed, "plug-in uninstalled file=fixture-hotplug.jar bundle=dev.moduleagent.fixture.hotplug version=2.0.0");
        Duration removal = since(removed, "hotplug removed", twin -> text(twin, "hotplug", "build") == null
                && inventory(twin, "hotplug", "state") == null);

        String figures = String.format("hot deploy (requirement: live within %d s, asserted: %d s in the log, %d s in"
                + " the twin), file operation -> bundle event in the log / -> twin: install %d / %d ms, update %d / %d"
                + " ms, removal %d / %d ms", LIVE_WITHIN.toSeconds(), ASSERTED_LIVE.toSeconds(),
                ASSERTED_TWIN.toSeconds(), installLive.toMillis(), install.toMillis(), updateLive.toMillis(),
                update.toMillis(), removalLive.toMillis(), removal.toMillis());
        System.out.println(figures);
        for (Duration live : List.of(installLive, updateLive, removalLive)) {
            assertTrue(live.compareTo(ASSERTED_LIVE) <= 0, figures);
        }
        for (Duration twin : List.of(install, update, removal)) {
            assertTrue(twin.compareTo(ASSERTED_TWIN) <= 0, figures);
        }
        assertFalse(Conditions.contains(home.log(), "plug-in stopped file=example-hello-0.1.0-SNAPSHOT.jar "), "hello kept running");
        long v2version = hub.patchDesired(DEVICE, "hot-deploy", Desired.patch().component("hello", "name", "Bob").json());
        awaitAcks("hot-deploy", Map.of("hello", List.of("name")), v2version, 200);
    }

    @Test
    void aPlugInArrivingAfterItsSectionWasSetAppliesIt() throws Exception {
        AgentHome home = home("late-plugin");
        start(home);
        long version = hub.patchDesired(DEVICE, "late-plugin", Desired.patch().component("counter", "level", 7).json());
        hub.awaitTwin("the inventory shows the section waiting for its plug-in", DEVICE, "late-plugin", CONVERGE,
                twin -> "waiting-for-plugin".equals(inventory(twin, "counter", "state")));

        deployFixture(home, "counter", "1.0.0");

        awaitAcks("late-plugin", Map.of("counter", List.of("level")), version, 200);
        assertEquals("dev.moduleagent.fixture.counter", inventory(twin("late-plugin"), "counter", "bundle"));
    }

    @Test
    void aBadJarInTheDeployFolderIsReportedAndIgnored() throws Exception {
        AgentHome home = home("bad-jars");
        deployExample(home, "example-hello");
        AgentProcess agent = start(home);
        long first = hub.patchDesired(DEVICE, "bad-jars", Desired.patch().component("hello", "name", "Ada").json());
        awaitAcks("bad-jars", Map.of("hello", List.of("name")), first, 200);

        home.deploy(Files.writeString(dir.resolve("garbage"), "not a zip"), "garbage.jar");
        home.deploy(jar(dir.resolve("library"), null), "library.jar");
        home.deploy(jar(dir.resolve("unresolvable"), "test.unresolvable"), "unresolvable.jar");

        Conditions.awaitText(home.log(), "plug-in file ignored file=garbage.jar reason=\"not a jar (zip) file", DEADLINE);
        Conditions.awaitText(home.log(), "plug-in file ignored file=library.jar reason=\"not an OSGi bundle", DEADLINE);
        Conditions.awaitText(home.log(), "Error while starting bundle: file:" + home.deploy().resolve("unresolvable.jar"),
                DEADLINE);
        assertTrue(Conditions.contains(home.log(), "no.such.pkg"), "the log names the missing package");
        hub.awaitTwin("the twin's deploy inventory shows the three bad jars", DEVICE, "bad-jars", DEADLINE,
                twin -> deployState(twin, "garbage.jar").equals("IGNORED")
                        && deployState(twin, "library.jar").equals("IGNORED")
                        && deployState(twin, "unresolvable.jar").equals("INSTALLED")
                        && deployState(twin, "example-hello-0.1.0-SNAPSHOT.jar").equals("ACTIVE"));
        TwinView inventory = twin("bad-jars");
        assertTrue(deployEntry(inventory, "garbage.jar").orElseThrow().get("error").getAsString().startsWith("not a jar (zip) file"));
        assertTrue(deployEntry(inventory, "library.jar").orElseThrow().get("error").getAsString().contains("no Bundle-SymbolicName"));
        assertTrue(deployEntry(inventory, "unresolvable.jar").orElseThrow().get("error").getAsString().startsWith("does not resolve"));
        long second = hub.patchDesired(DEVICE, "bad-jars", Desired.patch().component("hello", "name", "Bob").json());
        awaitAcks("bad-jars", Map.of("hello", List.of("name")), second, 200);
        assertTrue(agent.isAlive());
        assertFalse(Conditions.contains(home.log(), "plug-in stopped file=example-hello-0.1.0-SNAPSHOT.jar "), "hello kept running");

        for (String bad : List.of("garbage.jar", "library.jar", "unresolvable.jar")) {
            Files.delete(home.deploy().resolve(bad));
        }
        hub.awaitTwin("removed jars leave the deploy inventory", DEVICE, "bad-jars", DEADLINE,
                twin -> deployState(twin, "garbage.jar").isEmpty() && deployState(twin, "library.jar").isEmpty()
                        && deployState(twin, "unresolvable.jar").isEmpty()
                        && deployState(twin, "example-hello-0.1.0-SNAPSHOT.jar").equals("ACTIVE"));
    }

    /** @return the state of a jar in {@code agent.deploy}, or "" when it is not listed */
    private static String deployState(TwinView twin, String file) {
        JsonObject entry = deployEntry(twin, file).orElseGet(JsonObject::new);
        return entry.has("state") ? entry.get("state").getAsString() : "";
    }

    /** Waits for a log line; returns the time since the file operation. */
    private static Duration logged(AgentHome home, long startNanos, String line) throws InterruptedException {
        Conditions.awaitText(home.log(), line, DEADLINE);
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Waits for the hot-deploy module's twin; returns the time since the file operation. */
    private static Duration since(long startNanos, String what, Predicate<TwinView> condition)
            throws InterruptedException {
        hub.awaitTwin(what, DEVICE, "hot-deploy", DEADLINE, condition);
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** A jar with a hand-made manifest: a plain library, or a bundle importing a package nobody exports. */
    private static Path jar(Path file, String symbolicName) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            main.putValue("Bundle-ManifestVersion", "2");
            main.putValue("Bundle-SymbolicName", symbolicName);
            main.putValue("Bundle-Version", "1.0.0");
            main.putValue("Import-Package", "no.such.pkg");
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // manifest only
        }
        return file;
    }
}
