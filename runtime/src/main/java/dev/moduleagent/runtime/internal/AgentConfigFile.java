package dev.moduleagent.runtime.internal;

import dev.moduleagent.runtime.LaunchException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads {@code conf/agent.cfg} (a Java properties file) and checks it with the agent's own check ({@link AgentJarCheck}:
 * the keys are declared once, in agent-core's metatype), resolving relative paths against the distribution folder, so
 * that the agent never depends on the working directory.
 */
public final class AgentConfigFile {

    /**
     * The Configuration Admin property that binds the agent's configuration to its file: FileInstall, which watches the
     * file's folder, finds the configuration by it and updates it when the file changes (contract with FileInstall).
     */
    public static final String FILENAME_KEY = "felix.fileinstall.filename";

    private static final long MAX_BYTES = 64 * 1024;

    private AgentConfigFile() {
    }

    /**
     * @param file the configuration file
     * @param baseDir the distribution folder: relative paths are resolved against it, its {@code system/} holds the
     *     agent
     * @return the checked properties, blank values dropped and paths made absolute, sorted by key, with
     *     {@link #FILENAME_KEY} naming the file
     * @throws LaunchException when the file is missing, unreadable, too large, lacks a required key, has an unknown
     *     key or a value of the wrong kind
     */
    public static Map<String, String> read(Path file, Path baseDir) throws LaunchException {
        Properties properties = load(file);
        Map<String, String> raw = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> raw.put(key, properties.getProperty(key)));
        Map<String, String> result;
        try {
            result = new TreeMap<>(AgentJarCheck.check(baseDir.resolve("system"), raw, baseDir));
        } catch (IllegalArgumentException e) {
            throw new LaunchException(file + ": " + e.getMessage(), e);
        }
        result.put(FILENAME_KEY, fileUri(file));
        return result;
    }

    /** As FileInstall names a file it watches: the canonical path (it canonicalises its folder) as a URI. */
    private static String fileUri(Path file) throws LaunchException {
        try {
            return file.toFile().getCanonicalFile().toURI().toString();
        } catch (IOException e) {
            throw new LaunchException(file + ": cannot be read: " + e.getMessage(), e);
        }
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
}
