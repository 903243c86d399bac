package dev.moduleagent.runtime.it;

import dev.moduleagent.runtime.demo.ModuleIdentityFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A distribution home for one agent process of a test: its own {@code conf/agent.cfg}, {@code deploy/}, {@code data/}
 * and {@code logs/}, sharing the built distribution's {@code system/} bundles through a symbolic link.
 */
final class AgentHome {

    private final Path dir;

    private AgentHome(Path dir) {
        this.dir = dir;
    }

    static AgentHome create(Path distribution, Path dir, String hubHost, String deviceId, String moduleId,
            ModuleIdentityFiles identity) throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("deploy"));
        Files.createDirectories(dir.resolve("fixture"));
        Files.createSymbolicLink(dir.resolve("system"), distribution.resolve("system"));
        Files.writeString(dir.resolve("conf/agent.cfg"), String.join("\n",
                "hub.host=" + hubHost,
                "device.id=" + deviceId,
                "module.id=" + moduleId,
                "key.file=" + identity.keyFile(),
                "cert.file=" + identity.chainFile(),
                "trust.file=" + identity.trustFile(),
                "transport=MQTT",
                "data.dir=data/agent",
                ""));
        String logback = System.getProperty("it.agent.logback"); // for diagnosis: a Logback file for the agents
        if (logback != null && !logback.isBlank()) {
            Files.copy(Path.of(logback), dir.resolve("conf/logback.xml"));
        }
        return new AgentHome(dir);
    }

    Path dir() {
        return dir;
    }

    /** Sets {@code transport} in the home's {@code conf/agent.cfg} (before the agent starts). */
    void transport(String transport) throws IOException {
        Path config = dir.resolve("conf/agent.cfg");
        Files.writeString(config, Files.readString(config).replace("transport=MQTT\n", "transport=" + transport + "\n"));
    }

    /** Adds a line {@code key=value} to the home's {@code conf/agent.cfg} (before the agent starts). */
    void configure(String key, String value) throws IOException {
        Path config = dir.resolve("conf/agent.cfg");
        Files.writeString(config, Files.readString(config) + key + "=" + value + "\n");
    }

    Path deploy() {
        return dir.resolve("deploy");
    }

    Path fixtureDir() {
        return dir.resolve("fixture");
    }

    Path log() {
        return dir.resolve("logs/module-agent.log");
    }

    Path console() {
        return dir.resolve("console.log");
    }

    /**
     * Puts a jar into the deploy folder the way users are told to: written beside it, then moved in atomically.
     *
     * @return when the jar appeared in the folder ({@link System#nanoTime()})
     */
    long deploy(Path jar, String fileName) throws IOException {
        Path staged = dir.resolve(fileName + ".staged");
        Files.copy(jar, staged, StandardCopyOption.REPLACE_EXISTING);
        long now = System.nanoTime();
        Files.move(staged, deploy().resolve(fileName), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        return now;
    }
}
