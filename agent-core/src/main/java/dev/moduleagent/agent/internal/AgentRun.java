package dev.moduleagent.agent.internal;

import dev.moduleagent.agent.internal.command.AgentCommands;
import dev.moduleagent.agent.internal.command.BundleControl;
import dev.moduleagent.agent.internal.config.ConfigChange;
import dev.moduleagent.agent.internal.deploy.DeployFolderWatch;
import dev.moduleagent.agent.internal.deployment.DeploymentSettings;
import dev.moduleagent.agent.internal.deployment.PluginDeployer;
import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.agent.internal.health.HealthServer;
import dev.moduleagent.agent.internal.health.HealthSettings;
import dev.moduleagent.agent.internal.hub.SdkChannelFactory;
import dev.moduleagent.agent.internal.identity.IdentityException;
import dev.moduleagent.agent.internal.identity.IdentityLoader;
import dev.moduleagent.agent.internal.identity.ModuleIdentity;
import dev.moduleagent.agent.internal.identity.RenewalService;
import dev.moduleagent.agent.internal.plugin.PluginReports;
import dev.moduleagent.agent.internal.reported.ReportedAggregator;
import dev.moduleagent.api.ReportedProperties;
import dev.moduleagent.api.Telemetry;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.IdentityName;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent with its extras (health server, renewal, plug-in deployment, deploy-folder inventory, the services
 * it offers to plug-ins), for one checked configuration: {@link ModuleAgent} applies a changed configuration to it
 * (live, or by reconnecting the hub session) or replaces it.
 */
final class AgentRun implements AutoCloseable {

    /** The framework property naming the agent's log file (set by the launcher). */
    static final String LOG_FILE_PROPERTY = "moduleagent.log.file";
    /** The service id under which the plug-in deployer is the handler of component {@code agent}. */
    private static final long DEPLOYER_ID = -2;

    private static final Logger LOG = LoggerFactory.getLogger(AgentRun.class);

    private final BundleContext context;
    private final Agent agent;
    private final SdkChannelFactory channels;
    private final ServiceRegistration<ReportedProperties> registration;
    private final ServiceRegistration<Telemetry> telemetry;
    private final DeployFolderWatch deployFolder;
    private AgentSettings settings;
    private Map<String, String> config;
    private RenewalService renewal;
    private HealthServer healthServer;

    private AgentRun(BundleContext context, Map<String, String> config, AgentSettings settings, Agent agent,
                     SdkChannelFactory channels) {
        this.context = context;
        this.config = config;
        this.settings = settings;
        this.agent = agent;
        this.channels = channels;
        registration = context.registerService(ReportedProperties.class, new PluginReports(context, agent.reported()), null);
        deployFolder = watchDeployFolder(context, agent);
        telemetry = context.registerService(Telemetry.class, agent.telemetry(), null);
        agent.commands().add(new HandlerInfo(AgentCommands.COMPONENT, context.getBundle().getSymbolicName(),
                version(context), -1, Integer.MAX_VALUE), new AgentCommands(logFile(context),
                new BundleControl(context), Clock.systemUTC(), version(context)));
        renewal = startRenewal();
        deployPlugins();
    }

    /**
     * Checks the identity, starts the agent (it connects in the background) and its extras.
     *
     * @param context the agent bundle's context
     * @param config the checked configuration ({@code AgentConfigCheck})
     * @return the running agent
     * @throws StartupException with one line when the identity, the data folder or the health server cannot be used
     */
    static AgentRun start(BundleContext context, Map<String, String> config) throws StartupException {
        AgentSettings settings = AgentSettings.parse(config);
        ModuleIdentity identity = loadIdentity(settings);
        SdkChannelFactory channels = new SdkChannelFactory(settings.hubSettings(identity.sslContext()));
        Agent agent = Agent.start(settings, identity, channels, version(context), Clock.systemUTC(),
                AgentTuning.defaults());
        AgentRun run = new AgentRun(context, config, settings, agent, channels);
        try {
            run.healthServer = serveHealth(agent, config);
            return run;
        } catch (StartupException e) {
            run.close();
            throw e;
        }
    }

    /**
     * Checks that a configuration's identity loads, without changing anything.
     *
     * @param config a checked configuration
     * @throws StartupException with one line naming the file and the problem
     */
    static void checkIdentity(Map<String, String> config) throws StartupException {
        loadIdentity(AgentSettings.parse(config));
    }

    /** @return the running agent */
    Agent agent() {
        return agent;
    }

    /**
     * Applies a configuration whose change is {@link ConfigChange.Scope#LIVE} or {@link ConfigChange.Scope#SESSION}:
     * a session change loads the new identity first (when it does not load nothing changes) and reconnects with it.
     *
     * @param next the checked new configuration
     * @param change what changed
     * @throws StartupException when the new identity does not load; the running agent is left as it was
     */
    void apply(Map<String, String> next, ConfigChange change) throws StartupException {
        AgentSettings nextSettings = AgentSettings.parse(next);
        if (change.scope() == ConfigChange.Scope.SESSION) {
            ModuleIdentity identity = loadIdentity(nextSettings);
            channels.useSettings(nextSettings.hubSettings(identity.sslContext()));
            LOG.info("hub session restarts reason=configuration-changed hub={} transport={}", nextSettings.hubHost(),
                    nextSettings.transport());
            agent.reconnect();
        }
        settings = nextSettings;
        config = next;
        if (change.touches("health.")) {
            closeHealth();
            try {
                healthServer = serveHealth(agent, next);
            } catch (StartupException e) { // the address is taken: the agent runs on without /health
                LOG.error("health server not started reason=\"{}\"", e.getMessage());
            }
        }
        if (change.touches("plugins.")) {
            agent.removeHandler(DEPLOYER_ID);
            deployPlugins();
        }
        if (change.scope() == ConfigChange.Scope.SESSION || change.touches("renew.")) {
            closeRenewal();
            renewal = startRenewal();
        }
    }

    /** The agent's desired {@code plugins} go to the deployer, registered as the handler of component agent. */
    private void deployPlugins() {
        try {
            String home = context.getProperty("moduleagent.home");
            DeploymentSettings deployment = DeploymentSettings.from(Map.copyOf(config),
                    home == null ? null : Path.of(home), settings.dataDir());
            agent.addHandler(new HandlerInfo(ReportedAggregator.AGENT_COMPONENT, context.getBundle().getSymbolicName(),
                    version(context), DEPLOYER_ID, Integer.MAX_VALUE),
                    PluginDeployer.start(context, deployment, agent::rehand));
        } catch (IllegalArgumentException | IOException e) {
            LOG.error("plug-in deployment from the twin off reason=\"{}\"", e.getMessage());
        }
    }

    /** Certificate renewal is an extra: when it cannot start, the agent runs on with its current identity. */
    private RenewalService startRenewal() {
        try {
            return RenewalService.start(settings.identityFiles(), IdentityName.of(settings.deviceId(),
                    settings.moduleId()), settings.renewal(), identity -> {
                        channels.useSslContext(identity);
                        return agent.reconnect();
                    }, agent.agentReports());
        } catch (IdentityException | CertificateToolException e) {
            LOG.error("certificate renewal not started reason=\"{}\"", e.getMessage());
            return null;
        }
    }

    /** {@code /health} and {@code /metrics} when {@code health.port} is set; {@code null} otherwise. */
    private static HealthServer serveHealth(Agent agent, Map<String, String> config) throws StartupException {
        try {
            HealthSettings health = HealthSettings.parse(config);
            return health.enabled() ? HealthServer.start(health, agent.health(), agent.metrics()) : null;
        } catch (IllegalArgumentException | IOException e) {
            throw new StartupException("configuration " + AgentConfig.PID + ": " + e.getMessage());
        }
    }

    private static ModuleIdentity loadIdentity(AgentSettings settings) throws StartupException {
        try {
            RenewalService.recover(settings.identityFiles(), Clock.systemUTC());
            RenewalService.checkFiles(settings.renewal());
            return IdentityLoader.load(settings.identityFiles(), settings.deviceId(), settings.moduleId(),
                    Clock.systemUTC());
        } catch (IdentityException e) {
            throw new StartupException(e.getMessage());
        }
    }

    /** The deploy-folder inventory is an extra: a malformed FileInstall property must not fail activation. */
    private static DeployFolderWatch watchDeployFolder(BundleContext context, Agent agent) {
        try {
            return DeployFolderWatch.start(context, agent.agentReports()).orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("deploy folder inventory off reason=\"{}\"", e.toString());
            return null;
        }
    }

    /** The launcher names the agent's log file in this framework property; {@code agent*getLogs} reads it. */
    private static Path logFile(BundleContext context) {
        String file = context.getProperty(LOG_FILE_PROPERTY);
        return file == null || file.isBlank() ? null : Path.of(file);
    }

    private static String version(BundleContext context) {
        return context.getBundle().getVersion().toString();
    }

    private void closeHealth() {
        if (healthServer != null) {
            healthServer.close();
            healthServer = null;
        }
    }

    private void closeRenewal() {
        if (renewal != null) {
            renewal.close();
            renewal = null;
        }
    }

    /** Stops the agent; reports not yet confirmed stay on disk for the next start. */
    @Override
    public void close() {
        closeRenewal();
        closeHealth();
        if (deployFolder != null) {
            deployFolder.close();
        }
        unregister(registration);
        unregister(telemetry);
        agent.close();
    }

    private static void unregister(ServiceRegistration<?> service) {
        try {
            service.unregister();
        } catch (IllegalStateException e) {
            LOG.debug("service already unregistered");
        }
    }
}
