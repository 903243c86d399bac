package dev.moduleagent.runtime;

import dev.moduleagent.runtime.internal.ConfigAdminStore;
import dev.moduleagent.runtime.internal.ConfigurationPublisher;
import dev.moduleagent.runtime.internal.FrameworkLogBridge;
import dev.moduleagent.runtime.internal.FrameworkProperties;
import dev.moduleagent.runtime.internal.LifecycleLog;
import dev.moduleagent.runtime.internal.LogFileLocator;
import dev.moduleagent.runtime.internal.RestartRequest;
import dev.moduleagent.runtime.internal.RuntimeVersions;
import dev.moduleagent.launcher.FelixLauncher;
import dev.moduleagent.launcher.LaunchFailure;
import dev.moduleagent.launcher.Launched;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the agent of a distribution: the bundles of {@code system/} (agent.bndrun's run bundles) through the one
 * Felix launcher ({@link FelixLauncher}, bundle cache kept between starts), then hands the agent its configuration
 * through Configuration Admin; FileInstall watches the deploy folder.
 */
public final class Launcher {

    /** The Configuration Admin PID of the agent's configuration (contract with agent-core). */
    public static final String AGENT_PID = "dev.moduleagent.agent";

    /** The framework property naming the agent's log file. */
    public static final String LOG_FILE_PROPERTY = "moduleagent.log.file";

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
    private static final Duration CONFIG_ADMIN_WAIT = Duration.ofSeconds(30);

    private Launcher() {
    }

    /**
     * Starts an agent and returns once its bundles are started and its configuration is published; connecting to the
     * hub goes on in the background.
     *
     * @param settings what to start
     * @return the running agent
     * @throws LaunchException when the distribution is broken (a system bundle that does not install, resolve or
     *     start) or a folder cannot be created
     * @throws InterruptedException when interrupted while starting
     */
    public static RunningAgent start(LaunchSettings settings) throws LaunchException, InterruptedException {
        createFolders(settings);
        LifecycleLog lifecycleLog = new LifecycleLog(settings.deployDir());
        Launched launched;
        try {
            launched = new FelixLauncher(settings.storageDir(), frameworkProperties(settings)).keepCache()
                    .beforeInstall(context -> {
                        context.addBundleListener(lifecycleLog);
                        context.addFrameworkListener(lifecycleLog);
                    })
                    .start(systemJars(settings.systemDir()));
        } catch (LaunchFailure e) {
            throw new LaunchException(e.getMessage(), e);
        }
        Framework framework = launched.framework();
        try {
            BundleContext context = framework.getBundleContext();
            RestartRequest restart = new RestartRequest(framework);
            Hashtable<String, Object> restartProperties = new Hashtable<>(Map.of(RestartRequest.PROPERTY, "true"));
            context.registerService(Runnable.class, restart, restartProperties);
            ConfigurationPublisher configurations = new ConfigurationPublisher(context, CONFIG_ADMIN_WAIT);
            configurations.publish(AGENT_PID, settings.agentConfiguration());
            Optional<Map<String, String>> configFolder = FrameworkProperties.configFolderWatch(settings);
            if (configFolder.isPresent()) {
                configurations.watch(configFolder.get());
            }
            LOG.info("agent started systemBundles={} {} deployDir={}", launched.bundles().size(), launched.cache(),
                    settings.deployDir());
            return new RunningAgent(framework, restart);
        } catch (LaunchException | InterruptedException | RuntimeException e) {
            stopQuietly(framework);
            throw e;
        }
    }

    private static Map<String, Object> frameworkProperties(LaunchSettings settings) {
        Map<String, Object> properties = new HashMap<>(FrameworkProperties.of(settings, RuntimeVersions.current()));
        properties.put(FrameworkLogBridge.PROPERTY, new FrameworkLogBridge());
        properties.put("felix.log.level", "2");
        // agent*getLogs reads the file logging really writes to (contract with agent-core's ModuleAgent)
        LogFileLocator.rootLogFile().ifPresent(file -> properties.put(LOG_FILE_PROPERTY, file.toString()));
        return properties;
    }

    /** The jars of {@code system/} (the export of agent.bndrun's -runbundles), in file-name order. */
    private static List<Path> systemJars(Path folder) throws LaunchException {
        if (!Files.isDirectory(folder)) {
            throw new LaunchException(folder + ": the system bundle folder does not exist");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new LaunchException(folder + ": cannot list the system bundle folder: " + e.getMessage(), e);
        }
    }

    private static void createFolders(LaunchSettings settings) throws LaunchException {
        try {
            Files.createDirectories(settings.deployDir());
            Files.createDirectories(settings.storageDir().getParent());
            ConfigAdminStore.empty(ConfigAdminStore.beside(settings.storageDir()));
        } catch (IOException e) {
            throw new LaunchException("cannot create " + e.getMessage(), e);
        }
    }

    private static void stopQuietly(Framework framework) {
        try {
            FelixLauncher.stop(framework, RunningAgent.DEFAULT_STOP);
        } catch (BundleException | RuntimeException e) {
            LOG.warn("framework stop failed after a failed start reason=\"{}\"", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
