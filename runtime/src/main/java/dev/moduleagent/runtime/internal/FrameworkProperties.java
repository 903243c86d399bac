package dev.moduleagent.runtime.internal;

import dev.moduleagent.runtime.LaunchSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The framework and FileInstall properties of one launch (the cache's folder and cleaning are the launcher's): which
 * packages of the launcher's class path the system bundle exports (SLF4J 2 and the Configuration Admin API, with
 * explicit versions), and how the deploy folder is watched.
 */
public final class FrameworkProperties {

    /** The SLF4J packages bundles import from the launcher's class path. */
    static final List<String> SLF4J_PACKAGES = List.of("org.slf4j", "org.slf4j.event", "org.slf4j.helpers",
            "org.slf4j.spi");

    /** The file names FileInstall picks up: jars and configurations, not hidden files or files being copied. */
    public static final String DEPLOY_FILTER = "[^.].*\\.(jar|cfg|config)";

    /** The file names FileInstall picks up in the configuration folder: configurations only. */
    public static final String CONFIG_FILTER = "[^.].*\\.cfg";

    /** The framework property naming the distribution folder (the one holding {@code system/}). */
    public static final String HOME_PROPERTY = "moduleagent.home";

    private FrameworkProperties() {
    }

    /**
     * @param settings the launch settings
     * @param versions the versions of the exported class-path packages
     * @return the properties for {@code FrameworkFactory.newFramework}
     */
    public static Map<String, String> of(LaunchSettings settings, RuntimeVersions versions) {
        Map<String, String> properties = new TreeMap<>();
        properties.put("org.osgi.framework.system.packages.extra", systemPackagesExtra(versions));
        // for plug-ins that resolve relative paths against the distribution (BundleContext.getProperty)
        properties.put(HOME_PROPERTY, settings.systemDir().getParent().toString());
        properties.put(ConfigAdminStore.PROPERTY, ConfigAdminStore.beside(settings.storageDir()).toString());
        properties.putAll(fileInstall(settings));
        return properties;
    }

    static String systemPackagesExtra(RuntimeVersions versions) {
        String slf4j = SLF4J_PACKAGES.stream()
                .map(name -> name + ";version=\"" + versions.slf4j() + "\"")
                .collect(Collectors.joining(","));
        return slf4j + ",org.osgi.service.cm;version=\"" + versions.configAdminApi() + "\"";
    }

    /**
     * A second FileInstall watcher, for the folder of the agent's configuration file ({@code conf/}): it updates the
     * agent's configuration when {@code agent.cfg} changes (found by {@link AgentConfigFile#FILENAME_KEY}) and makes
     * every other {@code <pid>.cfg} there a plug-in configuration. Created through Configuration Admin after the
     * agent's configuration, so that FileInstall never makes a second configuration of {@code agent.cfg}.
     *
     * @param settings the launch settings
     * @return the watcher's properties, or empty when the configuration names no file
     */
    public static Optional<Map<String, String>> configFolderWatch(LaunchSettings settings) {
        String file = settings.agentConfiguration().get(AgentConfigFile.FILENAME_KEY);
        if (file == null) {
            return Optional.empty();
        }
        Map<String, String> properties = fileInstall(settings);
        properties.put("felix.fileinstall.dir", Path.of(URI.create(file)).getParent().toString());
        properties.put("felix.fileinstall.filter", CONFIG_FILTER);
        properties.put("felix.fileinstall.tmpdir", settings.storageDir().resolveSibling("fileinstall-conf-tmp")
                .toString());
        return Optional.of(properties);
    }

    private static Map<String, String> fileInstall(LaunchSettings settings) {
        Map<String, String> properties = new TreeMap<>();
        properties.put("felix.fileinstall.dir", settings.deployDir().toString());
        properties.put("felix.fileinstall.poll", Long.toString(settings.pollInterval().toMillis()));
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.bundles.new.start", "true");
        // only finished files: a jar being copied under another name (x.jar.part, .x.jar.tmp) is not picked up
        properties.put("felix.fileinstall.filter", DEPLOY_FILTER);
        properties.put("felix.fileinstall.tmpdir", settings.storageDir().resolveSibling("fileinstall-tmp").toString());
        properties.put("felix.fileinstall.enableConfigSave", "false");
        properties.put("felix.fileinstall.log.default", "jul");
        properties.put("felix.fileinstall.log.level", "3");
        return properties;
    }
}
