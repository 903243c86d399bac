package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.runtime.demo.TwinView;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Drives the agent's desired {@code plugins} for the deployment ITs: builds the {@code deployable} fixture padded to
 * 100 KB and signs it, publishes it, patches the twin, and reads the plug-in's ack in the reported
 * {@code agent.deployments.deployable}, whose shape is exactly an IoT Plug and Play ack.
 */
final class PluginDeployments {

    static final int JAR_BYTES = 100 * 1024;
    /** The keys of an IoT Plug and Play ack: the per-plug-in ack has these and no others. */
    static final Set<String> ACK_KEYS = Set.of("value", "ac", "av", "ad");

    private final TestHub hub;
    private final String device;
    private final String module;
    private final FixtureBundles fixtures;
    private final Path dir;

    PluginDeployments(TestHub hub, String device, String module, FixtureBundles fixtures, Path dir) {
        this.hub = hub;
        this.device = device;
        this.module = module;
        this.fixtures = fixtures;
        this.dir = dir;
    }

    /** Patches the desired plugins map with one entry; returns the desired $version. */
    long patch(String version, URI url, byte[] jar) throws Exception {
        JsonObject entry = new JsonObject();
        entry.addProperty("version", version);
        entry.addProperty("url", url.toString());
        entry.addProperty("sha256", ImageServer.sha256(jar));
        JsonObject plugins = new JsonObject();
        plugins.add("deployable", entry);
        JsonObject agent = new JsonObject();
        agent.addProperty("__t", "c");
        agent.add("plugins", plugins);
        JsonObject patch = new JsonObject();
        patch.add("agent", agent);
        return hub.patchDesired(device, module, patch);
    }

    /** Publishes the jar on the server and patches the desired plugins map; returns the desired $version. */
    long publishAndPatch(ImageServer server, String version, Path jar) throws Exception {
        byte[] bytes = Files.readAllBytes(jar);
        return patch(version, server.publish(bytes), bytes);
    }

    /** Waits for the final (not 202) ack of this $version; returns it, after checking its shape. */
    JsonObject awaitFinalAck(long av, Duration deadline) throws InterruptedException {
        hub.awaitTwin("deployable acknowledged for $version " + av, device, module, deadline, Duration.ofMillis(20),
                twin -> ack(twin).filter(a -> a.get("av").getAsLong() == av && a.get("ac").getAsInt() != 202)
                        .isPresent());
        JsonObject ack = ack(hub.twin(device, module).orElseThrow()).orElseThrow();
        assertEquals(ACK_KEYS, ack.keySet(), "the ack's shape: " + ack);
        return ack;
    }

    Path build(String version) throws Exception {
        Path plain = fixtures.build("deployable", version, dir.resolve("plain-" + version + ".jar"));
        return PluginJars.pad(plain, JAR_BYTES, dir.resolve("deployable-" + version + ".jar"));
    }

    Path signed(String version, Path signer) throws Exception {
        return PluginJars.sign(build(version), signer, dir.resolve("signed-" + version + "-" + signer.getFileName()));
    }

    /** @return the overall ack of the writable property {@code plugins}: the reported {@code agent.plugins} */
    static Optional<JsonObject> overallAck(TwinView twin) {
        return twin.reportedComponent("agent").map(agent -> agent.get("plugins")).filter(JsonElement::isJsonObject)
                .map(JsonElement::getAsJsonObject).filter(plugins -> plugins.has("ac") && plugins.has("av"));
    }

    /** @return the reported {@code agent.deployments.deployable}, if there */
    static Optional<JsonObject> ack(TwinView twin) {
        return twin.reportedComponent("agent").map(agent -> agent.get("deployments"))
                .filter(JsonElement::isJsonObject).map(deployments -> deployments.getAsJsonObject().get("deployable"))
                .filter(JsonElement::isJsonObject).map(JsonElement::getAsJsonObject);
    }
}
