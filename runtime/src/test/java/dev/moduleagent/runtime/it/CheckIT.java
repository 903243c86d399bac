package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.runtime.ModuleAgentCli;
import dev.moduleagent.runtime.demo.ModuleIdentityFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code module-agent check} against a real local hub (127.0.0.61; .62 where nothing listens, .65 a TLS server refusing every client certificate): each kind of failure has its own line naming the
 * layer (key, passphrase, name, expiry, trust, unreachable hub, wrong port), and {@code run} stops before starting
 * with the very same line.
 */
class CheckIT {

    private static final String HUB = "127.0.0.61";
    private static final String NO_HUB = "127.0.0.62";
    private static final String REFUSING = "127.0.0.65";
    private static final String DEVICE = "check-gateway";
    private static final String MODULE = "checked";

    @TempDir
    static Path hubDir;
    private static TestHub hub;
    private static ModuleIdentityFiles identity;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    /** The home holds the distribution's system/ (the agent, whose own check `check` runs on the configuration). */
    @BeforeEach
    void linkTheSystemFolder() throws IOException {
        Path distribution = Path.of(System.getProperty("moduleagent.dist", "target/module-agent")).toAbsolutePath();
        Files.createSymbolicLink(dir.resolve("system"), distribution.resolve("system"));
    }

    @BeforeAll
    static void startHub() throws Exception {
        hub = new TestHub(HUB, hubDir.resolve("hub"));
        hub.createDevice(DEVICE);
        identity = hub.createModule(DEVICE, MODULE, hubDir.resolve("certs"));
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aGoodConfigurationPassesEveryCheck() throws Exception {
        Path config = config(HUB, MODULE, identity.keyFile(), identity.chainFile(), identity.trustFile(), "");

        assertEquals(0, check(config), out.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(List.of("config", "key", "pair", "name", "expiry", "chain", "trust", "dns", "tcp", "tls"),
                lines.stream().map(line -> line.substring(5, line.indexOf(':'))).toList(), out.toString());
        assertTrue(lines.stream().filter(line -> !line.contains(" expiry: ")).allMatch(line -> line.startsWith("OK   ")),
                out.toString());
        assertLine("WARN expiry: cert.file " + identity.chainFile() + ": valid until "); // the hub issues 7 days
    }

    @Test
    void aKeyFileThatIsNoKeyIsNamed() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.key.pem"), "-----BEGIN NOTHING-----\n");
        Path config = config(HUB, MODULE, bad, identity.chainFile(), identity.trustFile(), "");

        assertEquals(1, check(config));
        assertLine("FAIL key: key.file " + bad + ": ");
        assertLine("SKIP tls: needs a usable key and certificate");
    }

    @Test
    void aWrongPassphraseIsNamed() throws Exception {
        Path config = configWithWrongPassphrase();

        assertEquals(1, check(config));
        assertLine("FAIL key: key.file " + dir.resolve("encrypted.key.pem")
                + ": wrong passphrase (the key cannot be decrypted)");
    }

    @Test
    void aCertificateForAnotherModuleIsNamed() throws Exception {
        ModuleIdentityFiles other = hub.createModule(DEVICE, "other", dir.resolve("other"));
        Path config = config(HUB, MODULE, other.keyFile(), other.chainFile(), identity.trustFile(), "");

        assertEquals(1, check(config));
        assertLine("FAIL name: certificate CN '" + DEVICE + "/other' does not match device.id/module.id '" + DEVICE
                + "/" + MODULE + "'");
    }

    @Test
    void anExpiredCertificateIsNamed() throws Exception {
        Path chain = dir.resolve("expired.pem");
        Pem.writeCertificates(chain, List.of(ExpiredCertificates.selfSigned(Pem.readPrivateKey(identity.keyFile(),
                null), new IdentityName(DEVICE, MODULE))), false);
        Path config = config(HUB, MODULE, identity.keyFile(), chain, identity.trustFile(), "");

        assertEquals(1, check(config));
        assertLine("FAIL expiry: cert.file " + chain + ": certificate CN=" + DEVICE + "/" + MODULE + " expired at ");
    }

    @Test
    void aHubCertificateFromAnotherCaIsATrustFailure() throws Exception {
        Path otherCa = dir.resolve("other-ca.pem");
        Pem.writeCertificates(otherCa, List.of(CertificateAuthority.createRoot("not the hub's CA", KeyAlgorithm.EC_P256,
                Duration.ofDays(2)).certificate()), false);
        Path config = config(HUB, MODULE, identity.keyFile(), identity.chainFile(), otherCa, "");

        assertEquals(1, check(config));
        assertLine("OK   tcp: " + HUB + ":8883");
        assertLine("FAIL trust: the hub's certificate at " + HUB + ":8883 is not signed by a CA in trust.file " + otherCa
                + " (untrusted hub CA: set trust.file to the hub's CA certificate)");
    }

    @Test
    void aHubThatRefusesTheModulesCertificateIsAnAuthFailure() throws Exception {
        try (RefusingTlsServer refusing = new RefusingTlsServer(REFUSING)) {
            Path serverCa = dir.resolve("refusing-ca.pem");
            Pem.writeCertificates(serverCa, List.of(refusing.ca().certificate()), false);
            Path config = config(REFUSING, MODULE, identity.keyFile(), identity.chainFile(), serverCa, "");

            assertEquals(1, check(config));
            assertLine("FAIL auth: the hub refused the module's certificate during the TLS handshake (Received fatal "
                    + "alert: ");
        }
    }

    @Test
    void aHubThatDoesNotListenIsUnreachable() throws Exception {
        Path config = config(NO_HUB, MODULE, identity.keyFile(), identity.chainFile(), identity.trustFile(), "");

        assertEquals(1, check(config));
        assertLine("FAIL tcp: " + NO_HUB + ":8883 refused the connection: no hub listens there (is it running, "
                + "is hub.host right?)");
    }

    @Test
    void aHostThatDoesNotResolveIsNamed() throws Exception {
        Path config = config("no-such-hub.invalid", MODULE, identity.keyFile(), identity.chainFile(),
                identity.trustFile(), "");

        assertEquals(1, check(config));
        assertLine("FAIL dns: 'no-such-hub.invalid' does not resolve (");
    }

    @Test
    void theWrongTransportsPortIsNamed() throws Exception {
        Path config = config(HUB, MODULE, identity.keyFile(), identity.chainFile(), identity.trustFile(), "")
                .resolveSibling("agent.cfg");
        Files.writeString(config, Files.readString(config).replace("transport=MQTT", "transport=MQTT_WS"));

        assertEquals(1, check(config));
        assertLine("FAIL tcp: " + HUB + ":443 refused the connection, but port 8883 answers: wrong port for this hub "
                + "(transport=MQTT_WS uses 443; transport=MQTT uses 8883)");
    }

    @Test
    void runStopsBeforeStartingWithTheSameLine() throws Exception {
        Path config = configWithWrongPassphrase();
        assertEquals(1, check(config));
        String checkLine = out.toString().lines().filter(line -> line.startsWith("FAIL")).findFirst().orElseThrow();

        Path distribution = Path.of(System.getProperty("moduleagent.dist", "target/module-agent")).toAbsolutePath();
        Process run = new ProcessBuilder(distribution.resolve("bin/module-agent").toString(), "run", "--home",
                dir.toString(), "--config", config.toString()).redirectErrorStream(true).start();
        try {
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "run did not stop");
            String output = new String(run.getInputStream().readAllBytes());
            assertEquals(1, run.exitValue(), output);
            assertTrue(output.contains("module-agent: " + checkLine.substring(5) + "\n"), output);
            assertTrue(!Files.exists(dir.resolve("data/felix-cache")), "the framework was not started");
        } finally {
            run.destroyForcibly().waitFor();
        }
    }

    /** The module's key encrypted with one passphrase, and a passphrase file with another. */
    private Path configWithWrongPassphrase() throws Exception {
        Path key = dir.resolve("encrypted.key.pem");
        Pem.writePrivateKey(key, Pem.readPrivateKey(identity.keyFile(), null), "right".toCharArray(), false);
        Path passphrase = Files.writeString(dir.resolve("pass"), "wrong\n");
        return config(HUB, MODULE, key, identity.chainFile(), identity.trustFile(),
                "key.passphrase.file=" + passphrase + "\n");
    }

    private int check(Path config) {
        CommandLine commandLine = ModuleAgentCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        return commandLine.execute("check", "--home", dir.toString(), "--config", config.toString(), "--timeout", "5");
    }

    private void assertLine(String prefix) {
        assertTrue(out.toString().lines().anyMatch(line -> line.startsWith(prefix)),
                "no line starting with: " + prefix + "\n" + out);
    }

    private Path config(String host, String module, Path key, Path chain, Path trust, String extra) throws Exception {
        return Files.writeString(dir.resolve("agent.cfg"), String.join("\n",
                "hub.host=" + host,
                "device.id=" + DEVICE,
                "module.id=" + module,
                "key.file=" + key,
                "cert.file=" + chain,
                "trust.file=" + trust,
                "transport=MQTT",
                "data.dir=data/agent",
                extra));
    }
}
