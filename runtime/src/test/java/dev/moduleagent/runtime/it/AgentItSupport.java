package dev.moduleagent.runtime.it;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.EstConfig;
import dev.moduleagent.localhub.HubConfig;
import dev.moduleagent.runtime.demo.ModuleIdentityFiles;
import dev.moduleagent.runtime.demo.TwinView;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every IT class shares: the built distribution, one real local hub on the class's own loopback address, and
 * agent processes started from the distribution that are killed after each test.
 */
abstract class AgentItSupport {

    static final String DEVICE = "it-gateway";
    /**
     * How long convergence may take: a deadline, not a wait (conditions are polled). Generous, because a slow CI
     * machine may also need a reconnect with back-off; the speed itself is measured by {@link AgentFigures}.
     */
    static final Duration CONVERGE = Duration.ofSeconds(150);

    static Path distribution;
    static TestHub hub;
    static FixtureBundles fixtures;

    @TempDir
    Path dir;

    @RegisterExtension
    final KeptLogs keptLogs = new KeptLogs();

    private final List<AgentProcess> agents = new ArrayList<>();

    static void startHub(String address, Path dataDir) throws Exception {
        startHub(address, dataDir, 0);
    }

    /** @param webSocketPort where the hub also offers MQTT over WebSockets, or 0 */
    static void startHub(String address, Path dataDir, int webSocketPort) throws Exception {
        startHub(address, dataDir, webSocketPort, HubConfig.DEFAULT_MQTT_PORT);
    }

    /** @param mqttPort where the hub listens for MQTT (8883 unless a relay stands in front of it) */
    static void startHub(String address, Path dataDir, int webSocketPort, int mqttPort) throws Exception {
        distribution = Path.of(System.getProperty("moduleagent.dist", "target/module-agent")).toAbsolutePath();
        hub = new TestHub(address, dataDir, webSocketPort, mqttPort);
        hub.createDevice(DEVICE);
        fixtures = new FixtureBundles(distribution);
    }

    /** @param est the hub's EST server (issued validity), on any free port */
    static void startHubWithEst(String address, Path dataDir, EstConfig est) throws Exception {
        distribution = Path.of(System.getProperty("moduleagent.dist", "target/module-agent")).toAbsolutePath();
        hub = new TestHub(address, dataDir, 0, est);
        hub.createDevice(DEVICE);
        fixtures = new FixtureBundles(distribution);
    }

    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @AfterEach
    void killAgents() throws InterruptedException {
        for (AgentProcess agent : agents) {
            agent.close();
        }
    }

    /** Creates the module in the hub and a home for its agent. */
    AgentHome home(String moduleId) throws Exception {
        ModuleIdentityFiles identity = hub.createModule(DEVICE, moduleId, dir.resolve("certs"));
        AgentHome home = AgentHome.create(distribution, dir.resolve("home"), hub.hostName(), DEVICE, moduleId, identity);
        keptLogs.watch(home);
        return home;
    }

    AgentProcess start(AgentHome home) throws IOException {
        return start(home, "");
    }

    /** @param javaOptions more JVM options for the agent process */
    AgentProcess start(AgentHome home, String javaOptions) throws IOException {
        AgentProcess agent = AgentProcess.start(distribution, home, javaOptions);
        agents.add(agent);
        return agent;
    }

    /** Copies an example plug-in of the distribution (for example {@code example-hello}) into the home. */
    void deployExample(AgentHome home, String artifactId) throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(distribution.resolve("deploy"),
                artifactId + "-*.jar")) {
            for (Path jar : jars) {
                home.deploy(jar, jar.getFileName().toString());
                return;
            }
        }
        throw new IOException("no " + artifactId + " plug-in in " + distribution.resolve("deploy"));
    }

    /** Builds a fixture plug-in and puts it into the home's deploy folder. */
    long deployFixture(AgentHome home, String name, String version) throws Exception {
        Path jar = fixtures.build(name, version, dir.resolve("fixtures/" + name + "-" + version + ".jar"));
        return home.deploy(jar, "fixture-" + name + ".jar");
    }

    Duration awaitAcks(String moduleId, Map<String, List<String>> expected, long version, int code)
            throws InterruptedException {
        return hub.awaitTwin(expected + " acknowledged with ac " + code + " av " + version, DEVICE, moduleId,
                CONVERGE, twin -> twin.missingAcks(expected, version, code).isEmpty());
    }

    TwinView twin(String moduleId) {
        return hub.twin(DEVICE, moduleId).orElseThrow(() -> new AssertionError("the hub does not answer"));
    }

    /** @return a field of the agent's inventory entry {@code agent.plugins.<component>}, or null when absent */
    static String inventory(TwinView twin, String component, String field) {
        return twin.reportedComponent("agent").map(agent -> agent.get("plugins"))
                .filter(plugins -> plugins != null && plugins.isJsonObject())
                .map(plugins -> plugins.getAsJsonObject().get(component))
                .filter(entry -> entry != null && entry.isJsonObject())
                .map(entry -> entry.getAsJsonObject().get(field))
                .filter(value -> value != null && value.isJsonPrimitive()).map(value -> value.getAsString())
                .orElse(null);
    }

    static String text(TwinView twin, String component, String property) {
        return twin.reportedComponent(component).map(section -> section.get(property))
                .filter(value -> value != null && value.isJsonPrimitive()).map(value -> value.getAsString())
                .orElse(null);
    }

    /** @return the agent's reported {@code agent.connection.state}, or {@code absent} */
    /** @return the deploy inventory's entries ({@code agent.deploy}) as the agent reported them */
    static List<JsonObject> deployEntries(TwinView twin) {
        return twin.reportedComponent("agent").map(agent -> agent.get("deploy"))
                .filter(deploy -> deploy != null && deploy.isJsonArray()).stream()
                .flatMap(deploy -> deploy.getAsJsonArray().asList().stream())
                .filter(JsonElement::isJsonObject).map(JsonElement::getAsJsonObject).toList();
    }

    /** @return the deploy inventory's entry for a jar, if listed */
    static Optional<JsonObject> deployEntry(TwinView twin, String file) {
        return deployEntries(twin).stream()
                .filter(entry -> entry.has("file") && file.equals(entry.get("file").getAsString())).findFirst();
    }

    /** @return the deploy inventory's entries that carry an {@code error} (file: error), as the agent reported them */
    static List<String> deployErrors(TwinView twin) {
        return deployEntries(twin).stream().filter(entry -> entry.has("error"))
                .map(entry -> entry.get("file") + ": " + entry.get("error")).toList();
    }

    static String connectionState(TwinView twin) {
        return twin.reportedComponent("agent").map(agent -> agent.get("connection"))
                .filter(connection -> connection != null && connection.isJsonObject())
                .map(connection -> connection.getAsJsonObject().get("state"))
                .filter(state -> state != null && state.isJsonPrimitive()).map(state -> state.getAsString())
                .orElse("absent");
    }
}
