package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.moduleagent.runtime.demo.TwinView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plug-ins shipped through the twin on 127.0.0.82: a signed fixture plug-in served by a local HTTP server is deployed
 * by a desired patch of component {@code agent}, updated, rolled back when it fails its health window, refused when
 * tampered, unsigned or signed by an untrusted key (the running version stays), and uninstalled when it leaves the map;
 * an agent killed during a download or a health window converges after its restart.
 */
class PluginDeploymentIT extends AgentItSupport {

    /** The module of the running test: each test has its own twin. */
    private String module = "deployer";
    private static final int JAR_BYTES = 100 * 1024;

    @TempDir
    static Path hubDir;

    private ImageServer server;

    @BeforeAll
    static void startHub() throws Exception {
        startHub("127.0.0.82", hubDir.resolve("hub"));
    }

    @AfterAll
    static void closeHub() {
        stopHub();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSignedPlugInIsDeployedUpdatedRolledBackRefusedAndRemovedThroughTheTwin() throws Exception {
        server = new ImageServer("127.0.0.82");
        Path trusted = PluginJars.signer(dir, "trusted-signer");
        Path stranger = PluginJars.signer(dir, "stranger");
        AgentHome home = home(module);
        Files.copy(trusted, home.dir().resolve("conf/plugin-trust.pem"));
        Files.writeString(home.dir().resolve("conf/agent.cfg"), "plugins.healthWindow=2\n", StandardOpenOption.APPEND);
        start(home);
        awaitConnected();

        Duration deployed = deploy("1.0.0", signed("1.0.0", trusted), 200);
        long applied = hub.patchDesired(DEVICE, module, Desired.patch().component("deployable", "level", 1).json());
        awaitAcks(module, Map.of("deployable", List.of("level")), applied, 200);
        assertEquals("applied by build 1.0.0", twin(module).ack("deployable", "level").orElseThrow()
                .get("ad").getAsString());

        Duration updated = deploy("2.0.0", signed("2.0.0", trusted), 200);
        Duration rolledBack = deploy("9.0.0", signed("9.0.0", trusted), 500);
        String reason = ack(twin(module)).orElseThrow().get("ad").getAsString();
        assertTrue(reason.contains("not healthy") && reason.contains("rolled back to 2.0.0"), reason);
        assertEquals("2.0.0", ack(twin(module)).orElseThrow().get("version").getAsString());
        hub.awaitTwin("the component's section handed again to the version rolled back to", DEVICE, module, CONVERGE,
                twin -> twin.ack("deployable", "level").map(a -> a.get("ad").getAsString())
                        .filter("applied by build 2.0.0"::equals).isPresent());

        Path tampered = PluginJars.tamper(signed("2.1.0", trusted), dir.resolve("tampered.jar"));
        assertRefused(deployCode("2.1.0", tampered), "tampered");
        assertRefused(deployCode("2.2.0", build("2.2.0")), "unsigned");
        assertRefused(deployCode("2.3.0", signed("2.3.0", stranger)), "untrusted");
        assertRefused(deployCode("1.0.0", signed("1.0.0", trusted)), "downgrade");

        JsonObject none = new JsonObject();
        JsonObject agent = new JsonObject();
        agent.addProperty("__t", "c");
        JsonObject plugins = new JsonObject();
        plugins.add("deployable", JsonNull.INSTANCE);
        agent.add("plugins", plugins);
        none.add("agent", agent);
        hub.patchDesired(DEVICE, module, none);
        hub.awaitTwin("deployable uninstalled", DEVICE, module, CONVERGE, twin -> ack(twin).isEmpty()
                && inventory(twin, "deployable", "bundle") == null);
        System.out.printf("plug-in deployment figures (%d KB jar, loopback): deployed %d ms, updated %d ms,"
                + " failed health (2 s window) rolled back %d ms%n", JAR_BYTES / 1024, deployed.toMillis(),
                updated.toMillis(), rolledBack.toMillis());
    }

    @Test
    void anAgentKilledDuringTheDownloadOrTheHealthWindowConvergesAfterRestartWithOneVersionActive() throws Exception {
        module = "deployer-killed";
        server = new ImageServer("127.0.0.82");
        Path trusted = PluginJars.signer(dir, "trusted-signer");
        AgentHome home = home(module);
        Files.copy(trusted, home.dir().resolve("conf/plugin-trust.pem"));
        Files.writeString(home.dir().resolve("conf/agent.cfg"), "plugins.healthWindow=5\n", StandardOpenOption.APPEND);
        AgentProcess agent = start(home);
        awaitConnected();
        deploy("1.0.0", signed("1.0.0", trusted), 200);

        server.stallAt(64 * 1024);
        long sent = server.bytesSent();
        long av = patchPlugin("2.0.0", signed("2.0.0", trusted));
        Path part = home.dir().resolve("data/agent/plugins/deployable/download.part");
        Conditions.await("download under way", CONVERGE, () -> server.bytesSent() >= sent + 64 * 1024
                && size(part) >= 64 * 1024);
        agent.close(); // SIGKILL in the middle of the download
        server.serveNormally();
        agent = start(home);
        awaitFinalAck(av);
        assertEquals(200, ack(twin(module)).orElseThrow().get("ac").getAsInt());
        List<Long> offsets = server.requestedOffsets();
        assertTrue(offsets.get(offsets.size() - 1) > 0, "the download resumed: " + offsets);

        long third = patchPlugin("3.0.0", signed("3.0.0", trusted));
        hub.awaitTwin("3.0.0 in its health window", DEVICE, module, CONVERGE, Duration.ofMillis(20),
                twin -> ack(twin).filter(a -> a.get("av").getAsLong() == third
                        && "health check".equals(a.get("ad").getAsString())).isPresent());
        agent.close(); // SIGKILL in the health window
        start(home);
        awaitFinalAck(third);
        JsonObject last = ack(twin(module)).orElseThrow();
        assertEquals(200, last.get("ac").getAsInt(), last.toString());
        hub.awaitTwin("one version active: 3.0.0", DEVICE, module, CONVERGE,
                twin -> "3.0.0".equals(inventory(twin, "deployable", "bundleVersion")));
        assertEquals(1, Files.readAllLines(home.log()).stream()
                .filter(line -> line.contains("the agent stopped during HEALTH_CHECK of 3.0.0")).count());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private void awaitConnected() throws InterruptedException {
        hub.awaitTwin("agent connected", DEVICE, module, CONVERGE, twin -> twin.reportedComponent("agent")
                .map(agent -> agent.get("connection")).filter(JsonElement::isJsonObject)
                .map(connection -> connection.getAsJsonObject().get("state").getAsString())
                .filter("CONNECTED"::equals).isPresent());
    }

    private void assertRefused(int code, String what) {
        assertTrue(code >= 400 && code < 500, what + " acknowledged " + code);
        Optional<JsonObject> ack = ack(twin(module));
        assertEquals("2.0.0", ack.orElseThrow().get("version").getAsString(), what + ": the running version stays");
        assertEquals("2.0.0", inventory(twin(module), "deployable", "bundleVersion"), what);
    }

    private Duration deploy(String version, Path jar, int code) throws Exception {
        long start = System.nanoTime();
        assertEquals(code, deployCode(version, jar));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Publishes the jar, patches the desired plugins map, waits for this plug-in's final ack; returns its code. */
    private int deployCode(String version, Path jar) throws Exception {
        awaitFinalAck(patchPlugin(version, jar));
        return ack(twin(module)).orElseThrow().get("ac").getAsInt();
    }

    private void awaitFinalAck(long av) throws InterruptedException {
        hub.awaitTwin("deployable acknowledged for $version " + av, DEVICE, module, CONVERGE, Duration.ofMillis(20),
                twin -> ack(twin).filter(a -> a.get("av").getAsLong() == av && a.get("ac").getAsInt() != 202)
                        .isPresent());
    }

    /** Publishes the jar and patches the desired plugins map; returns the desired $version. */
    private long patchPlugin(String version, Path jar) throws Exception {
        byte[] bytes = Files.readAllBytes(jar);
        JsonObject entry = new JsonObject();
        entry.addProperty("version", version);
        entry.addProperty("url", server.publish(bytes).toString());
        entry.addProperty("sha256", ImageServer.sha256(bytes));
        JsonObject plugins = new JsonObject();
        plugins.add("deployable", entry);
        JsonObject agent = new JsonObject();
        agent.addProperty("__t", "c");
        agent.add("plugins", plugins);
        JsonObject patch = new JsonObject();
        patch.add("agent", agent);
        return hub.patchDesired(DEVICE, module, patch);
    }

    private Path build(String version) throws Exception {
        Path plain = fixtures.build("deployable", version, dir.resolve("plain-" + version + ".jar"));
        return PluginJars.pad(plain, JAR_BYTES, dir.resolve("deployable-" + version + ".jar"));
    }

    private Path signed(String version, Path signer) throws Exception {
        return PluginJars.sign(build(version), signer, dir.resolve("signed-" + version + "-"
                + signer.getFileName()));
    }

    private static Optional<JsonObject> ack(TwinView twin) {
        return twin.reportedComponent("agent").map(agent -> agent.get("deployments"))
                .filter(JsonElement::isJsonObject).map(deployments -> deployments.getAsJsonObject().get("deployable"))
                .filter(JsonElement::isJsonObject).map(JsonElement::getAsJsonObject);
    }
}
