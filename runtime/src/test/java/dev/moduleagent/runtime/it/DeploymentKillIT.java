package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plug-in deployment cut by SIGKILL at each of its steps, on 127.0.0.86: the agent process is stopped by a debugger
 * breakpoint exactly at the step (no hook in the agent's code), killed there, and started again. After every kill the
 * plug-in's folder holds only whole jars; after every restart the deployment converges: the final ack 200 for that
 * desired version is in the twin, one version is active (the inventory and the component's own acks name it), and
 * a cut install is rolled back before it is done again. (A kill in the middle of the download, which resumes it with
 * a range request, is {@link PluginDeploymentIT}'s.)
 */
class DeploymentKillIT extends AgentItSupport {

    private static final String MODULE = "deployer-kills";
    private static final String DEPLOYMENT = "dev.moduleagent.agent.internal.deployment.";

    /** Where the agent is killed: the step, and the method whose entry is that moment. */
    private record KillPoint(String step, String className, String method, String recovery) {
    }

    private static final List<KillPoint> KILL_POINTS = List.of(
            new KillPoint("verifying (jar downloaded whole)", "JarSignatureCheck", "verify", null),
            new KillPoint("installing (verified jar staged as next.jar)", "Deployment", "install", "INSTALLING"),
            new KillPoint("installing (new jar in place, Felix not told yet)", "BundleDeployer", "installOrUpdate",
                    "INSTALLING"),
            new KillPoint("installing (bundle updated in Felix, not started)", "BundleDeployer", "refresh",
                    "INSTALLING"),
            new KillPoint("health check", "HealthGate", "check", "HEALTH_CHECK"));

    @TempDir
    static Path hubDir;

    /** Where the console of the running agent process begins (the debugger port is printed after it). */
    private long consoleStart;
    private AgentProcess agent;

    @BeforeAll
    static void startHub() throws Exception {
        startHub("127.0.0.86", hubDir.resolve("hub"));
    }

    @AfterAll
    static void closeHub() {
        stopHub();
    }

    @Test
    void aDeploymentKilledAtEachStepResumesOrRollsBackAndConvergesWithOneVersionActive() throws Exception {
        try (ImageServer server = new ImageServer("127.0.0.86")) {
            PluginDeployments plugins = new PluginDeployments(hub, DEVICE, MODULE, fixtures, dir);
            Path trusted = PluginJars.signer(dir, "trusted-signer");
            AgentHome home = home(MODULE);
            Files.copy(trusted, home.dir().resolve("conf/plugin-trust.pem"));
            home.configure("plugins.healthWindow", "1");
            agent = startDebuggable(home);
            Path first = plugins.signed("1.0.0", trusted);
            assertEquals(200, plugins.awaitFinalAck(plugins.publishAndPatch(server, "1.0.0", first), CONVERGE)
                    .get("ac").getAsInt());
            Set<String> published = new HashSet<>(Set.of(sha256(first)));
            for (int i = 0; i < KILL_POINTS.size(); i++) {
                String version = (i + 2) + ".0.0";
                Path next = plugins.signed(version, trusted);
                published.add(sha256(next));
                long av = killAt(KILL_POINTS.get(i), home, () -> plugins.publishAndPatch(server, version, next));
                assertOnlyWholeJars(home, published, KILL_POINTS.get(i).step());
                restartAndConverge(home, plugins, av, version, i);
            }
        }
    }

    /** Arms the breakpoint, starts the deployment, and kills the agent when it reaches the step. */
    private long killAt(KillPoint kill, AgentHome home, Callable<Long> deploy) throws Exception {
        try (StepBreakpoint breakpoint = StepBreakpoint.attach(home.console(), consoleStart,
                DEPLOYMENT + kill.className(), kill.method())) {
            long av = deploy.call();
            breakpoint.awaitHit(CONVERGE);
            agent.close(); // SIGKILL, the VM suspended at the step
            return av;
        }
    }

    private void restartAndConverge(AgentHome home, PluginDeployments plugins, long av, String version, int round)
            throws Exception {
        KillPoint kill = KILL_POINTS.get(round);
        long restarted = System.nanoTime();
        agent = startDebuggable(home);
        JsonObject ack = plugins.awaitFinalAck(av, CONVERGE);
        System.out.printf("killed at %s: restart -> final ack %d ms%n", kill.step(),
                (System.nanoTime() - restarted) / 1_000_000);
        assertEquals(200, ack.get("ac").getAsInt(), kill.step() + ": " + ack);
        hub.awaitTwin(kill.step() + ": the overall ack of plugins", DEVICE, MODULE, CONVERGE,
                twin -> PluginDeployments.overallAck(twin).filter(overall -> overall.get("av").getAsLong() == av
                        && overall.get("ac").getAsInt() == 200 && overall.get("value").isJsonObject()).isPresent());
        assertConverged(home, version, round, kill);
    }

    private AgentProcess startDebuggable(AgentHome home) throws IOException {
        consoleStart = Files.exists(home.console()) ? Files.size(home.console()) : 0;
        return start(home, StepBreakpoint.JDWP);
    }

    /** Whatever moment the kill came, each jar in the folder is one of the whole jars published, and one is current. */
    private static void assertOnlyWholeJars(AgentHome home, Set<String> whole, String step) throws IOException {
        Path folder = folder(home);
        assertTrue(Files.exists(folder.resolve("current.jar")), step + ": a current jar stays in place");
        for (String jar : List.of("current.jar", "previous.jar", "next.jar")) {
            Path file = folder.resolve(jar);
            if (Files.exists(file)) {
                assertTrue(whole.contains(sha256(file)), step + ": " + jar + " is a whole jar");
            }
        }
    }

    private void assertConverged(AgentHome home, String version, int round, KillPoint kill) throws Exception {
        Path folder = folder(home);
        hub.awaitTwin(kill.step() + ": one version active, " + version, DEVICE, MODULE, CONVERGE,
                twin -> version.equals(inventory(twin, "deployable", "bundleVersion")));
        Properties state = new Properties();
        try (var in = Files.newInputStream(folder.resolve("state.properties"))) {
            state.load(in);
        }
        assertEquals(Map.of("step", "ACTIVE", "version", version), Map.of("step", state.getProperty("step"),
                "version", state.getProperty("version")), kill.step());
        assertFalse(Files.exists(folder.resolve("next.jar")), kill.step() + ": no staged jar left");
        long applied = hub.patchDesired(DEVICE, MODULE, Desired.patch().component("deployable", "level", round).json());
        awaitAcks(MODULE, Map.of("deployable", List.of("level")), applied, 200);
        assertEquals("applied by build " + version, twin(MODULE).ack("deployable", "level").orElseThrow()
                .get("ad").getAsString(), kill.step() + ": the component is served by the new version");
        if (kill.recovery() != null) {
            assertTrue(Conditions.contains(home.log(), " step=" + kill.recovery() + " version="
                    + version + " action=rollback"), kill.step() + ": the cut deployment was rolled back at start");
        }
    }

    private static Path folder(AgentHome home) {
        return home.dir().resolve("data/agent/plugins/deployable");
    }

    private static String sha256(Path file) throws IOException {
        return ImageServer.sha256(Files.readAllBytes(file));
    }
}
