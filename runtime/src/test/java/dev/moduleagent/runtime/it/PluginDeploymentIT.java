package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.moduleagent.runtime.demo.TwinView;
import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.TlsContexts;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
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
 * an agent killed during a download or a health window converges after its restart; downloads go through the
 * proxy of {@code plugins.proxy} (https by CONNECT, http forwarded) except to the hosts of {@code plugins.noProxy}.
 */
class PluginDeploymentIT extends AgentItSupport {

    /** The module of the running test: each test has its own twin. */
    private String module = "deployer";
    private static final int JAR_BYTES = PluginDeployments.JAR_BYTES;

    @TempDir
    static Path hubDir;

    private ImageServer server;
    private PluginDeployments plugins;

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
        plugins();
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
        assertEquals("2.0.0", inventory(twin(module), "deployable", "bundleVersion"));
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
        plugins();
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
                .filter(line -> line.contains("step=HEALTH_CHECK version=3.0.0 action=rollback")).count());
    }

    @Test
    void downloadsGoThroughTheConfiguredProxyHttpsByConnectExceptToNoProxyHosts() throws Exception {
        module = "deployer-proxy";
        CertificateAuthority ca = CertificateAuthority.createRoot("it-download-ca", KeyAlgorithm.EC_P256,
                Duration.ofDays(1));
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate cert = ca.signServer(keys.getPublic(), "127.0.0.82", List.of("127.0.0.82"), Duration.ofDays(1));
        Path trustStore = dir.resolve("download-trust.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("it-download-ca", ca.certificate());
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            store.store(out, "changeit".toCharArray());
        }
        Path trusted = PluginJars.signer(dir, "trusted-signer");
        server = new ImageServer("127.0.0.82");
        try (HttpProxy proxy = new HttpProxy("127.0.0.82");
                ImageServer https = new ImageServer("127.0.0.82", TlsContexts.server(keys.getPrivate(),
                        List.of(cert, ca.certificate())));
                ImageServer direct = new ImageServer("127.0.0.88")) {
            AgentHome home = home(module);
            plugins();
            Files.copy(trusted, home.dir().resolve("conf/plugin-trust.pem"));
            home.configure("plugins.healthWindow", "1");
            home.configure("plugins.proxy", proxy.url());
            home.configure("plugins.noProxy", "localhost, 127.0.0.88");
            start(home, "-Djavax.net.ssl.trustStore=" + trustStore + " -Djavax.net.ssl.trustStorePassword=changeit");

            byte[] first = Files.readAllBytes(signed("1.0.0", trusted));
            URI url = https.publish(first);
            assertEquals(200, plugins.awaitFinalAck(plugins.patch("1.0.0", url, first), CONVERGE).get("ac").getAsInt());
            assertEquals(List.of("CONNECT 127.0.0.82:" + url.getPort() + " HTTP/1.1"), proxy.requests(),
                    "https through a tunnel");
            assertEquals(200, plugins.awaitFinalAck(patchPlugin("2.0.0", signed("2.0.0", trusted)), CONVERGE)
                    .get("ac").getAsInt());
            assertEquals(2, proxy.requests().size(), proxy.requests().toString());
            assertTrue(proxy.requests().get(1).startsWith("GET http://127.0.0.82:"), "http forwarded: "
                    + proxy.requests());
            assertEquals(List.of(0L), server.requestedOffsets(), "the server was reached through the proxy");
            assertEquals(200, plugins.awaitFinalAck(plugins.publishAndPatch(direct, "3.0.0", signed("3.0.0", trusted)),
                    CONVERGE).get("ac").getAsInt());
            assertEquals(2, proxy.requests().size(), "127.0.0.88 is in plugins.noProxy: " + proxy.requests());
            assertEquals(List.of(0L), direct.requestedOffsets());
            assertEquals("3.0.0", inventory(twin(module), "deployable", "bundleVersion"));
        }
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
        assertEquals("2.0.0", inventory(twin(module), "deployable", "bundleVersion"),
                what + ": the running version stays");
    }

    private PluginDeployments plugins() {
        plugins = new PluginDeployments(hub, DEVICE, module, fixtures, dir);
        return plugins;
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
        plugins.awaitFinalAck(av, CONVERGE);
    }

    private long patchPlugin(String version, Path jar) throws Exception {
        return plugins.publishAndPatch(server, version, jar);
    }

    private Path build(String version) throws Exception {
        return plugins.build(version);
    }

    private Path signed(String version, Path signer) throws Exception {
        return plugins.signed(version, signer);
    }

    private static Optional<JsonObject> ack(TwinView twin) {
        return PluginDeployments.ack(twin);
    }
}
