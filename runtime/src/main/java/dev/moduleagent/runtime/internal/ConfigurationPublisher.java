package dev.moduleagent.runtime.internal;

import dev.moduleagent.runtime.LaunchException;
import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a configuration to Configuration Admin from outside the framework (the launcher reads {@code conf/agent.cfg};
 * the agent's component requires its configuration), changing it only when its content differs.
 */
public final class ConfigurationPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationPublisher.class);

    /** FileInstall's factory PID: each configuration of it is one more watched folder. */
    public static final String FILEINSTALL_PID = "org.apache.felix.fileinstall";

    private final BundleContext context;
    private final Duration wait;

    /**
     * @param context the system bundle's context of a started framework
     * @param wait how long to wait for the Configuration Admin service
     */
    public ConfigurationPublisher(BundleContext context, Duration wait) {
        this.context = context;
        this.wait = wait;
    }

    /**
     * @param pid the persistent identity, for example {@code dev.moduleagent.agent}
     * @param properties the properties
     * @throws LaunchException when Configuration Admin does not appear in time or refuses the configuration
     * @throws InterruptedException when interrupted while waiting for Configuration Admin
     */
    public void publish(String pid, Map<String, String> properties) throws LaunchException, InterruptedException {
        withAdmin("configuration " + pid + " cannot be stored", admin -> {
            boolean changed = admin.getConfiguration(pid, "?").updateIfDifferent(toDictionary(properties));
            LOG.info("configuration {} pid={} keys={}", changed ? "published" : "unchanged", pid, properties.size());
        });
    }

    /**
     * Starts one more FileInstall watcher (FileInstall's factory PID {@value #FILEINSTALL_PID}).
     *
     * @param properties the watcher's {@code felix.fileinstall.*} properties
     * @throws LaunchException when Configuration Admin does not appear in time or refuses the configuration
     * @throws InterruptedException when interrupted while waiting for Configuration Admin
     */
    public void watch(Map<String, String> properties) throws LaunchException, InterruptedException {
        withAdmin("the configuration folder cannot be watched", admin -> {
            admin.getFactoryConfiguration(FILEINSTALL_PID, "conf", "?").update(toDictionary(properties));
            LOG.info("configuration folder watched dir={}", properties.get("felix.fileinstall.dir"));
        });
    }

    /** Something done with Configuration Admin that may fail to store. */
    private interface AdminAction {
        void run(ConfigurationAdmin admin) throws IOException;
    }

    private void withAdmin(String failure, AdminAction action) throws LaunchException, InterruptedException {
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> tracker = new ServiceTracker<>(context,
                ConfigurationAdmin.class, null);
        tracker.open();
        try {
            ConfigurationAdmin admin = tracker.waitForService(wait.toMillis());
            if (admin == null) {
                throw new LaunchException("Configuration Admin did not start within " + wait.toSeconds()
                        + " s: is org.apache.felix.configadmin in the system folder?");
            }
            action.run(admin);
        } catch (IOException e) {
            throw new LaunchException(failure + ": " + e.getMessage(), e);
        } finally {
            tracker.close();
        }
    }

    private static Dictionary<String, Object> toDictionary(Map<String, String> properties) {
        Dictionary<String, Object> dictionary = new Hashtable<>();
        properties.forEach(dictionary::put);
        return dictionary;
    }
}
