package dev.moduleagent.runtime;

import dev.moduleagent.runtime.internal.ConfigurationPublisher;
import dev.moduleagent.runtime.internal.FrameworkLogBridge;
import dev.moduleagent.runtime.internal.FrameworkProperties;
import dev.moduleagent.runtime.internal.LifecycleLog;
import dev.moduleagent.runtime.internal.LogFileLocator;
import dev.moduleagent.runtime.internal.RestartRequest;
import dev.moduleagent.runtime.internal.RuntimeVersions;
import dev.moduleagent.runtime.internal.SystemBundleInstaller;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the agent in an embedded OSGi framework: initialises it with a clean cache, installs (or updates) the
 * bundles of the system folder, starts them (fragments excepted), hands the agent its configuration through
 * Configuration Admin and lets FileInstall watch the deploy folder. The only class that drives the framework.
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
        Framework framework = newFramework(settings);
        try {
            framework.init();
            BundleContext context = framework.getBundleContext();
            LifecycleLog lifecycleLog = new LifecycleLog(settings.deployDir());
            context.addBundleListener(lifecycleLog);
            context.addFrameworkListener(lifecycleLog);
            List<Bundle> bundles = new SystemBundleInstaller(context, settings.systemDir()).installAll();
            framework.start();
            startAll(bundles);
            RestartRequest restart = new RestartRequest(framework);
            Hashtable<String, Object> restartProperties = new Hashtable<>(Map.of(RestartRequest.PROPERTY, "true"));
            context.registerService(Runnable.class, restart, restartProperties);
            ConfigurationPublisher configurations = new ConfigurationPublisher(context, CONFIG_ADMIN_WAIT);
            configurations.publish(AGENT_PID, settings.agentConfiguration());
            Optional<Map<String, String>> configFolder = FrameworkProperties.configFolderWatch(settings);
            if (configFolder.isPresent()) {
                configurations.watch(configFolder.get());
            }
            LOG.info("agent started with {} system bundles; plug-ins are watched in {}", bundles.size(),
                    settings.deployDir());
            return new RunningAgent(framework, restart);
        } catch (BundleException e) {
            stopQuietly(framework);
            throw new LaunchException("the OSGi framework cannot start: " + e.getMessage(), e);
        } catch (LaunchException | InterruptedException | RuntimeException e) {
            stopQuietly(framework);
            throw e;
        }
    }

    private static Framework newFramework(LaunchSettings settings) throws LaunchException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new LaunchException("no OSGi framework on the class path (lib/ is incomplete)"));
        Map<String, Object> properties = new HashMap<>(FrameworkProperties.of(settings, RuntimeVersions.current()));
        properties.put(FrameworkLogBridge.PROPERTY, new FrameworkLogBridge());
        properties.put("felix.log.level", "2");
        // agent*getLogs reads the file logging really writes to (contract with agent-core's ModuleAgent)
        LogFileLocator.rootLogFile().ifPresent(file -> properties.put(LOG_FILE_PROPERTY, file.toString()));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, String> untyped = (Map) properties; // Felix accepts an object for its logger property
        return factory.newFramework(untyped);
    }

    private static void startAll(List<Bundle> bundles) throws LaunchException {
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException e) {
                throw new LaunchException("system bundle " + bundle.getSymbolicName() + " cannot start: "
                        + e.getMessage(), e);
            }
        }
    }

    private static void createFolders(LaunchSettings settings) throws LaunchException {
        try {
            Files.createDirectories(settings.deployDir());
            Files.createDirectories(settings.storageDir().getParent());
        } catch (IOException e) {
            throw new LaunchException("cannot create " + e.getMessage(), e);
        }
    }

    private static void stopQuietly(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(RunningAgent.DEFAULT_STOP.toMillis());
        } catch (BundleException | RuntimeException e) {
            LOG.warn("the framework did not stop cleanly after a failed start: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
