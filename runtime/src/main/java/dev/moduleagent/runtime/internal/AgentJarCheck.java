package dev.moduleagent.runtime.internal;

import dev.moduleagent.runtime.LaunchException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's own check of its configuration, run by the launcher: the class {@code AgentConfigCheck} and the metatype
 * declaration it reads are loaded from the agent's jar in {@code system/}, so {@code run}, {@code check} and the agent
 * validate the same keys the same way (the keys are declared once, in agent-core). The jar's class loader is a child
 * of the launcher's (cert-tools' id rules come from {@code lib/}); it only ever runs that one check.
 */
final class AgentJarCheck {

    private static final String CHECK_CLASS = "dev.moduleagent.agent.internal.config.AgentConfigCheck";
    private static final String AGENT_JAR = "agent-core-*.jar";

    private AgentJarCheck() {
    }

    /**
     * @param systemDir the distribution's {@code system/} folder
     * @param raw the configuration file's properties
     * @param home the folder relative paths are resolved against
     * @return the checked configuration: trimmed, blank values dropped, paths absolute, sorted by key
     * @throws IllegalArgumentException with the agent's one-line problem ({@code '<key>' …})
     * @throws LaunchException when the agent's jar is missing or not the agent
     */
    @SuppressWarnings("unchecked")
    static Map<String, String> check(Path systemDir, Map<String, String> raw, Path home) throws LaunchException {
        Path jar = agentJar(systemDir);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                AgentJarCheck.class.getClassLoader())) {
            Method check = loader.loadClass(CHECK_CLASS).getMethod("check", Map.class, String.class);
            return (Map<String, String>) check.invoke(null, raw, home.toAbsolutePath().toString());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException problem) {
                throw problem;
            }
            throw new LaunchException(jar + ": the agent's configuration check failed: " + e.getCause(), e);
        } catch (ReflectiveOperationException | LinkageError | MalformedURLException e) {
            throw new LaunchException(jar + " has no configuration check (" + e + "): is it the agent?", e);
        } catch (IOException e) {
            throw new LaunchException(jar + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The agent of {@code systemDir}, else that of the installation this launcher runs from ({@code lib/..
     * /system}): {@code check --home} may name a folder that holds only a configuration.
     */
    private static Path agentJar(Path systemDir) throws LaunchException {
        List<Path> folders = new ArrayList<>(List.of(systemDir));
        installedSystem().ifPresent(folders::add);
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, AGENT_JAR)) {
                for (Path jar : jars) {
                    return jar;
                }
            } catch (IOException e) {
                throw new LaunchException(folder + " cannot be read: " + e.getMessage(), e);
            }
        }
        throw new LaunchException("no " + AGENT_JAR + " in " + systemDir + ": the distribution is incomplete");
    }

    private static Optional<Path> installedSystem() {
        CodeSource source = AgentJarCheck.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path launcher = Path.of(source.getLocation().toURI());
            return Optional.ofNullable(launcher.getParent()).map(lib -> lib.resolveSibling("system"));
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return Optional.empty(); // not a file: only systemDir
        }
    }
}
