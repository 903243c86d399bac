package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.runtime.demo.ModuleIdentityFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Felix owns the configuration: FileInstall watches {@code conf/}, so a plug-in's configuration file and a changed
 * {@code agent.cfg} take effect while the agent process runs (hub on 127.0.0.111, a second hub on 127.0.0.112).
 */
class ConfigReloadIT extends AgentItSupport {

    private static final String OTHER_HUB = "127.0.0.112";

    @TempDir
    static Path hubDir;

    @BeforeAll
    static void startHub() throws Exception {
        startHub("127.0.0.111", hubDir.resolve("hub"));
    }

    @AfterAll
    static void closeHub() {
        stopHub();
    }

    @Test
    void aPluginConfigurationWrittenToConfTakesEffectWithoutARestart() throws Exception {
        AgentHome home = home("conf-plugin");
        deployExample(home, "sysinfo");
        AgentProcess agent = start(home);
        hub.awaitTwin("sysinfo reports", DEVICE, "conf-plugin", CONVERGE,
                twin -> text(twin, "sysinfo", "osName") != null);
        Path release = Files.writeString(home.fixtureDir().resolve("os-release"), "NAME=\"Reloaded OS\"\n");

        write(home.dir().resolve("conf/dev.moduleagent.sysinfo.cfg"), "osReleaseFile=" + release + "\n");

        hub.awaitTwin("sysinfo reports from the configured os-release", DEVICE, "conf-plugin", CONVERGE,
                twin -> "Reloaded OS".equals(text(twin, "sysinfo", "osName")));
        assertTrue(agent.isAlive(), "the same process");
    }

    @Test
    void aChangedHubHostReconnectsTheSessionToTheOtherHubWithoutARestart() throws Exception {
        AgentHome home = home("conf-move");
        AgentProcess agent = start(home);
        hub.awaitTwin("connected to the first hub", DEVICE, "conf-move", CONVERGE,
                twin -> "CONNECTED".equals(connectionState(twin)));
        try (TestHub other = new TestHub(OTHER_HUB, dir.resolve("other-hub"))) {
            other.createDevice(DEVICE);
            ModuleIdentityFiles identity = other.createModule(DEVICE, "conf-move", dir.resolve("other-certs"));

            rewrite(home, Map.of("hub.host", OTHER_HUB, "key.file", identity.keyFile().toString(),
                    "cert.file", identity.chainFile().toString(), "trust.file", identity.trustFile().toString()));

            other.awaitTwin("connected to the other hub", DEVICE, "conf-move", CONVERGE,
                    twin -> "CONNECTED".equals(connectionState(twin)));
            assertTrue(agent.isAlive(), "the same process");
            assertTrue(Conditions.contains(home.log(), "hub session restarts reason=configuration-changed hub="
                    + OTHER_HUB), "the session, not the agent, restarted");
        }
    }

    @Test
    void anInvalidValueIsRefusedInOneLineAndThePreviousConfigurationStays() throws Exception {
        AgentHome home = home("conf-bad");
        deployExample(home, "example-hello");
        start(home);
        long first = hub.patchDesired(DEVICE, "conf-bad", Desired.patch().component("hello", "name", "Ada").json());
        awaitAcks("conf-bad", Map.of("hello", List.of("name")), first, 200);

        rewrite(home, Map.of("hub.host", OTHER_HUB, "keepalive.seconds", "0"));

        Conditions.awaitText(home.log(), "configuration refused pid=dev.moduleagent.agent action=keep-previous reason=\""
                + "'keepalive.seconds' is '0', expected a whole number from 1 to 65535\"", CONVERGE);
        long second = hub.patchDesired(DEVICE, "conf-bad", Desired.patch().component("hello", "name", "Bob").json());
        awaitAcks("conf-bad", Map.of("hello", List.of("name")), second, 200);
        assertFalse(Conditions.contains(home.log(), "hub=" + OTHER_HUB), "the refused hub.host was never used");
    }

    /** Replaces keys of the home's {@code conf/agent.cfg}, the way an editor or a configuration tool saves it. */
    private static void rewrite(AgentHome home, Map<String, String> values) throws IOException {
        Path config = home.dir().resolve("conf/agent.cfg");
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(config)) {
            String key = line.contains("=") ? line.substring(0, line.indexOf('=')) : line;
            if (!values.containsKey(key)) {
                text.append(line).append('\n');
            }
        }
        values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        write(config, text.toString());
    }

    /** Written beside the target under a hidden name (FileInstall ignores it), then moved in atomically. */
    private static void write(Path file, String text) throws IOException {
        Path staged = Files.writeString(file.resolveSibling("." + file.getFileName() + ".tmp"), text);
        Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
