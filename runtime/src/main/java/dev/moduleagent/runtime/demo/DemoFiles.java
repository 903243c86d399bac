package dev.moduleagent.runtime.demo;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** The demo's folder: hub data, certificates, the agent's configuration, data and cache, its own deploy folder. */
final class DemoFiles {

    private final Path root;

    DemoFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path hubData() {
        return root.resolve("hub");
    }

    Path certs() {
        return root.resolve("certs");
    }

    Path deploy() {
        return root.resolve("deploy");
    }

    Path frameworkStorage() {
        return root.resolve("felix-cache");
    }

    /** Deletes what an earlier demo left and creates the folder anew. */
    void recreate() throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(root);
    }

    /** Writes {@code demo/agent.cfg}, read like {@code conf/agent.cfg}. */
    Path writeAgentConfig(String hubHost, String deviceId, String moduleId, ModuleIdentityFiles identity,
            String transport) throws IOException {
        Properties config = new Properties();
        config.setProperty("hub.host", hubHost);
        config.setProperty("device.id", deviceId);
        config.setProperty("module.id", moduleId);
        config.setProperty("key.file", identity.keyFile().toString());
        config.setProperty("cert.file", identity.chainFile().toString());
        config.setProperty("trust.file", identity.trustFile().toString());
        config.setProperty("transport", transport);
        config.setProperty("data.dir", root.resolve("agent-data").toString());
        Path file = root.resolve("agent.cfg");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            config.store(writer, "written by module-agent demo");
        }
        return file;
    }

    /** Copies the distribution's plug-ins into the demo's deploy folder, with the plug-ins' configurations. */
    void prepareDeploy(Path plugins, Map<String, String> configurations) throws IOException {
        Files.createDirectories(deploy());
        if (Files.isDirectory(plugins)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(plugins, "*.jar")) {
                for (Path jar : jars) {
                    Files.copy(jar, deploy().resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        for (Map.Entry<String, String> configuration : configurations.entrySet()) {
            Files.writeString(deploy().resolve(configuration.getKey()), configuration.getValue());
        }
    }
}
