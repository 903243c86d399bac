package dev.moduleagent.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.runtime.LaunchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigFileTest {

    private static final String REQUIRED = String.join("\n",
            "hub.host=127.0.0.2",
            "device.id=gw1",
            "module.id=agent",
            "key.file=certs/module.key.pem",
            "cert.file=certs/module.chain.pem",
            "data.dir=data/agent");

    @TempDir
    Path dist;

    /** The distribution's system folder holds the agent, whose check reads the keys from its metatype declaration. */
    @BeforeEach
    void putTheAgentIntoSystem() throws IOException {
        Path jar = Path.of(System.getProperty("moduleagent.agent.jar"));
        if (Files.isDirectory(jar)) { // a reactor build before agent-core's package phase: its last packaged jar
            try (var jars = Files.newDirectoryStream(jar.getParent(), "agent-core-*.jar")) {
                jar = jars.iterator().next();
            }
        }
        Files.createDirectories(dist.resolve("system"));
        Files.copy(jar, dist.resolve("system/agent-core-test.jar"));
    }

    @Test
    void resolvesRelativePathsAgainstTheDistributionFolder() throws Exception {
        Map<String, String> config = AgentConfigFile.read(write(REQUIRED + "\ntrust.file=../hub/ca.pem\n"), dist);

        assertEquals(dist.resolve("certs/module.key.pem").toString(), config.get("key.file"));
        assertEquals(dist.resolve("data/agent").toString(), config.get("data.dir"));
        assertEquals(dist.getParent().resolve("hub/ca.pem").toString(), config.get("trust.file"));
    }

    @Test
    void keepsAbsolutePathsAndPlainValues() throws Exception {
        Path key = dist.resolve("elsewhere/key.pem").toAbsolutePath();
        Map<String, String> config = AgentConfigFile.read(
                write(REQUIRED.replace("key.file=certs/module.key.pem", "key.file=" + key) + "\ntransport=MQTT_WS\n"),
                dist);

        assertEquals(key.toString(), config.get("key.file"));
        assertEquals("127.0.0.2", config.get("hub.host"));
        assertEquals("MQTT_WS", config.get("transport"));
    }

    @Test
    void dropsBlankValuesAndTrimsTheRest() throws Exception {
        Map<String, String> config = AgentConfigFile.read(write(REQUIRED + "\ngateway.host=   \ntransport = AMQPS  \n"),
                dist);

        assertFalse(config.containsKey("gateway.host"));
        assertEquals("AMQPS", config.get("transport"));
    }

    @Test
    void rejectsAnUnknownKeyNamingIt() throws Exception {
        Path file = write(REQUIRED + "\ntranport=MQTT_WS\n");

        LaunchException e = assertThrows(LaunchException.class, () -> AgentConfigFile.read(file, dist));

        assertTrue(e.getMessage().startsWith(file + ": unknown key 'tranport' (known keys: "), e.getMessage());
    }

    @Test
    void checksThePluginKeysDeclaredInTheAgentsMetatype() throws Exception {
        Map<String, String> config = AgentConfigFile.read(write(REQUIRED
                + "\nplugins.allowUnsigned=true\nplugins.healthWindow=30\nplugins.maxBytes=2048\n"), dist);

        assertEquals("30", config.get("plugins.healthWindow"));
        assertProblem("\nplugins.healthWindow=0\n", "'plugins.healthWindow' is '0', expected a whole number from 1 to 3600");
        assertProblem("\nplugins.allowUnsigned=yes\n", "'plugins.allowUnsigned' is 'yes', expected true or false");
        assertProblem("\nplugins.maxBytes=12\n", "'plugins.maxBytes' is '12', expected a whole number from 1024 to");
        assertProblem("\nrenew.check=soon\n", "renew.check 'soon' is not a positive duration");
    }

    @Test
    void namesTheFileForFileInstallSoThatItUpdatesThisConfiguration() throws Exception {
        Path file = write(REQUIRED);

        Map<String, String> config = AgentConfigFile.read(file, dist);

        assertEquals(file.toFile().getCanonicalFile().toURI().toString(), config.get(AgentConfigFile.FILENAME_KEY));
    }

    @Test
    void acceptsTheHealthServersKeys() throws Exception {
        Map<String, String> config = AgentConfigFile.read(write(REQUIRED + "\nhealth.port=9600\nhealth.address=127.0.0.1\n"),
                dist);

        assertEquals("9600", config.get("health.port"));
        assertEquals("127.0.0.1", config.get("health.address"));
    }

    @Test
    void rejectsValuesOfTheWrongKindNamingTheKey() throws Exception {
        assertProblem("\ntransport=HTTP\n", "'transport' is 'HTTP', expected one of MQTT, MQTT_WS, AMQPS, AMQPS_WS");
        assertProblem("\nkeepalive.seconds=0\n", "'keepalive.seconds' is '0', expected a whole number from 1 to 65535");
        assertProblem("\nkeepalive.seconds=ten\n", "'keepalive.seconds' is 'ten'");
        assertProblem("\ngateway.host=localhost\n", "'gateway.host' is not a host name with a dot");
        assertProblem("\nhealth.port=70000\n", "'health.port' is '70000', expected a whole number from 0 to 65535");
        Path badHost = write(REQUIRED.replace("hub.host=127.0.0.2", "hub.host=my hub"));
        assertTrue(assertThrows(LaunchException.class, () -> AgentConfigFile.read(badHost, dist)).getMessage()
                .contains("'hub.host' is not a host name with a dot or an IPv4 address: 'my hub'"));
        Path badId = write(REQUIRED.replace("module.id=agent", "module.id=a/b"));
        assertTrue(assertThrows(LaunchException.class, () -> AgentConfigFile.read(badId, dist)).getMessage()
                .contains("'device.id'/'module.id': "));
    }

    private void assertProblem(String extra, String expected) throws Exception {
        Path file = write(REQUIRED + extra);
        LaunchException e = assertThrows(LaunchException.class, () -> AgentConfigFile.read(file, dist));
        assertTrue(e.getMessage().startsWith(file + ": " + expected), e.getMessage());
    }

    @Test
    void rejectsAMissingRequiredKeyNamingItAndTheFile() throws Exception {
        Path file = write(REQUIRED.replace("module.id=agent", "module.id="));

        LaunchException e = assertThrows(LaunchException.class, () -> AgentConfigFile.read(file, dist));

        assertTrue(e.getMessage().contains("'module.id'"), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void rejectsAMissingFileInOneLine() {
        Path file = dist.resolve("conf/agent.cfg");

        LaunchException e = assertThrows(LaunchException.class, () -> AgentConfigFile.read(file, dist));

        assertEquals(file + ": no such configuration file", e.getMessage());
    }

    @Test
    void rejectsAFileTooLargeToBeAConfiguration() throws Exception {
        Path file = write("x=" + "y".repeat(70 * 1024));

        LaunchException e = assertThrows(LaunchException.class, () -> AgentConfigFile.read(file, dist));

        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    private Path write(String content) throws IOException {
        Path file = dist.resolve("conf/agent.cfg");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
