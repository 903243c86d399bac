package dev.moduleagent.runtime.internal;

import dev.moduleagent.runtime.LaunchException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code conf/agent.cfg} (a Java properties file) into the agent's Configuration Admin properties, resolving
 * relative paths against the distribution folder, so that the agent never depends on the working directory.
 */
public final class AgentConfigFile {

    /** Keys the agent cannot work without. */
    public static final List<String> REQUIRED = List.of("hub.host", "device.id", "module.id", "key.file", "cert.file",
            "data.dir");

    /** Keys whose values are file or folder paths. */
    public static final Set<String> PATH_KEYS = Set.of("key.file", "key.passphrase.file", "cert.file", "trust.file",
            "data.dir", "plugins.trust.file", "renew.est.trust");

    /**
     * All keys the agent knows (contract between the runtime and agent-core's {@code AgentConfig}); anything else
     * is refused at start. {@code health.port} and {@code health.address} are read by agent-core's health server.
     */
    public static final Set<String> KNOWN = Set.of("hub.host", "gateway.host", "device.id", "module.id", "key.file",
            "key.passphrase.file", "cert.file", "trust.file", "transport", "data.dir", "keepalive.seconds",
            "health.port", "health.address", "plugins.trust.file", "plugins.allowUnsigned", "plugins.healthWindow",
            "plugins.maxBytes", "plugins.proxy", "plugins.noProxy", "renew.est.url", "renew.est.trust", "renew.before",
            "renew.check");

    private static final long MAX_BYTES = 64 * 1024;

    private AgentConfigFile() {
    }

    /**
     * @param file the configuration file
     * @param baseDir the folder relative paths are resolved against
     * @return the properties with blank values dropped and paths made absolute, sorted by key
     * @throws LaunchException when the file is missing, unreadable, too large, lacks a required key, has an unknown
     *     key or a value of the wrong kind ({@link AgentConfigRules})
     */
    public static Map<String, String> read(Path file, Path baseDir) throws LaunchException {
        Properties raw = load(file);
        Map<String, String> result = new TreeMap<>();
        for (String key : raw.stringPropertyNames()) {
            String value = raw.getProperty(key).trim();
            if (value.isEmpty()) {
                continue;
            }
            result.put(key, PATH_KEYS.contains(key) ? resolve(file, key, value, baseDir) : value);
        }
        for (String key : REQUIRED) {
            if (!result.containsKey(key)) {
                throw new LaunchException(file + ": required key '" + key + "' is missing or empty");
            }
        }
        Optional<String> problem = AgentConfigRules.firstProblem(result);
        if (problem.isPresent()) {
            throw new LaunchException(file + ": " + problem.get());
        }
        return result;
    }

    private static Properties load(Path file) throws LaunchException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new LaunchException(file + ": larger than " + MAX_BYTES + " bytes, not a configuration file");
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            return properties;
        } catch (NoSuchFileException e) {
            throw new LaunchException(file + ": no such configuration file", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new LaunchException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static String resolve(Path file, String key, String value, Path baseDir) throws LaunchException {
        try {
            return baseDir.toAbsolutePath().resolve(value).normalize().toString();
        } catch (InvalidPathException e) {
            throw new LaunchException(file + ": '" + key + "' is not a valid path: " + value, e);
        }
    }
}
