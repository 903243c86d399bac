package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.moduleagent.runtime.demo.TwinView;
import dev.moduleagent.runtime.fixture.FixtureFiles;
import dev.moduleagent.runtime.fixture.badactivator.ThrowingActivator;
import dev.moduleagent.runtime.fixture.chatty.ChattyHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: hostile plug-ins beside a well-behaved one (hub on 127.0.0.64): one throws, one blocks past its time limit
 * ignoring the interrupt, one sets its interrupt flag before reporting, one reports 10^4 times per section, one
 * bundle does not resolve and one bundle's activator throws. The well-behaved plug-in must keep converging, nothing
 * may reach the state store, stops stay bounded, and the deploy inventory must say why the broken bundles do not run.
 */
class HostilePluginChaosIT extends ChaosSupport {

    private static final String MODULE = "chaos-hostile";
    private static final String MISSING_PACKAGE = "dev.moduleagent.chaos.missing";

    @TempDir
    static Path hubDir;

    @BeforeAll
    static void startHub() throws Exception {
        startHub("127.0.0.64", hubDir.resolve("hub"));
    }

    @AfterAll
    static void closeHub() {
        stopHub();
    }

    @Test
    void hostilePluginsNeitherBreakTheAgentNorItsStoreAndBrokenBundlesSayWhy() throws Exception {
        ChaosFigures figures = new ChaosFigures("hostile-plugins", SEED);
        AgentHome home = chaosHome(MODULE);
        for (String fixture : List.of("faulty", "stuck", "selfinterrupt", "chatty")) {
            deployFixture(home, fixture, "1.0.0");
        }
        deployBrokenBundles(home);
        AgentProcess agent = startConverged(home, MODULE);
        for (int round = 1; round <= ROUNDS; round++) {
            long version = hub.patchDesired(DEVICE, MODULE, hostilePatch(round));
            figures.faults += 4;
            push(MODULE, 2);
            awaitConverged(MODULE, figures);
            awaitHostileOutcomes(version, figures);
        }
        reportDeployInventory();

        long last = hub.patchDesired(DEVICE, MODULE, hostilePatch(ROUNDS + 1)); // the stuck one blocks during the stop
        Conditions.await("the stuck plug-in runs", CONVERGE,
                () -> hostileApplies(home).stream().filter(line -> line.startsWith("stuck ")).count() > ROUNDS);
        long start = System.nanoTime();
        agent.terminate(Duration.ofSeconds(40));
        figures.stopped(Duration.ofNanos(System.nanoTime() - start));
        start(home);
        push(MODULE, 1);
        awaitConverged(MODULE, figures);
        awaitHostileOutcomes(last, figures); // recorded before the stop, or run again after the restart

        tallyUp(home, figures);
        figures.print();
        List<String> hostile = hostileApplies(home);
        assertEquals(new HashSet<>(hostile).size(), hostile.size(), "a hostile plug-in ran a section twice: " + hostile);
        assertClean(figures, ROUNDS + 1);
        assertTrue(figures.longestStop().compareTo(STOP_BOUND) <= 0, "the stop took longer than 5 s: " + figures.line());
    }

    private static JsonObject hostilePatch(int round) {
        return Desired.patch().component("faulty", "x", "r" + round).component("stuck", "x", "r" + round)
                .component("selfint", "x", "r" + round).component("chatty", "x", "r" + round).json();
    }

    /** Waits for the outcome each hostile plug-in must get for the desired version; counts a miss as lost. */
    private void awaitHostileOutcomes(long version, ChaosFigures figures) throws InterruptedException {
        try {
            hub.awaitTwin("hostile plug-ins settled at av " + version, DEVICE, MODULE, CONVERGE,
                    twin -> acked(twin, "faulty", version, 500) && acked(twin, "stuck", version, 500)
                            && acked(twin, "selfint", version, 200) && acked(twin, "chatty", version, 200)
                            && number(twin, "selfint", "seen") >= version
                            && number(twin, "chatty", "n") == ChattyHandler.REPORTS - 1
                            && number(twin, "chatty", "at") >= version);
        } catch (AssertionError e) {
            figures.lost++;
            System.out.println("CHAOS lost: " + e.getMessage() + "; reported: "
                    + hub.twin(DEVICE, MODULE).map(TwinView::reported).orElse(null));
        }
    }

    /** @return a reported number of the component (the desired version an application saw), or -1 */
    private static long number(TwinView twin, String component, String property) {
        String value = text(twin, component, property);
        return value == null ? -1 : Long.parseLong(value);
    }

    private static boolean acked(TwinView twin, String component, long version, int code) {
        return twin.ack(component, "x").filter(ack -> ack.get("av").getAsLong() >= version
                && ack.get("ac").getAsInt() == code).isPresent();
    }

    /** One bundle importing a package nobody exports, one whose activator throws. */
    private void deployBrokenBundles(AgentHome home) throws Exception {
        Path built = fixtures.build("badactivator", "1.0.0", dir.resolve("fixtures/badactivator.jar"));
        home.deploy(ManifestEdit.copyWithHeaders(built, Map.of("Bundle-Activator", ThrowingActivator.class.getName()),
                dir.resolve("fixtures/badactivator-edited.jar")), "fixture-badactivator.jar");
        String imports = ManifestEdit.header(built, "Import-Package");
        home.deploy(ManifestEdit.copyWithHeaders(built, Map.of("Bundle-SymbolicName",
                "dev.moduleagent.fixture.unresolvable", "Import-Package", MISSING_PACKAGE + "," + imports),
                dir.resolve("fixtures/unresolvable.jar")), "fixture-unresolvable.jar");
    }

    /** Prints what {@code agent.deploy} says about the broken bundles; the unresolvable one must carry an error. */
    private void reportDeployInventory() throws InterruptedException {
        hub.awaitTwin("the deploy inventory lists both broken bundles", DEVICE, MODULE, CONVERGE,
                twin -> deployEntry(twin, "fixture-unresolvable.jar").filter(entry -> entry.has("state")
                        && !"NEW".equals(entry.get("state").getAsString())).isPresent()
                        && deployEntry(twin, "fixture-badactivator.jar").isPresent());
        TwinView twin = twin(MODULE);
        JsonObject unresolvable = deployEntry(twin, "fixture-unresolvable.jar").orElseThrow();
        JsonObject badActivator = deployEntry(twin, "fixture-badactivator.jar").orElseThrow();
        System.out.println("CHAOS deploy unresolvable: " + unresolvable);
        System.out.println("CHAOS deploy activator-throws: " + badActivator);
        if (!badActivator.has("error") || badActivator.get("error").isJsonNull()) {
            System.out.println("CHAOS FINDING: a bundle whose activator throws (" + ThrowingActivator.MESSAGE
                    + ") is listed as " + badActivator.get("state") + " with no error in agent.deploy");
        }
        assertNotNull(unresolvable.get("error"), "agent.deploy says why the bundle does not resolve: " + unresolvable);
    }

    private static List<String> hostileApplies(AgentHome home) {
        try {
            Path file = home.fixtureDir().resolve(FixtureFiles.HOSTILE_APPLIES);
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
