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
    void passesUnknownKeysThrough() throws Exception {
        Map<String, String> config = AgentConfigFile.read(write(REQUIRED + "\nfuture.option=yes\n"), dist);

        assertEquals("yes", config.get("future.option"));
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
