package dev.moduleagent.agent.internal;

import dev.moduleagent.agent.internal.command.AgentCommands;
import dev.moduleagent.agent.internal.command.BundleControl;
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
import dev.moduleagent.agent.internal.plugin.PluginServices;
import dev.moduleagent.agent.internal.reported.ReportedAggregator;
import dev.moduleagent.api.CommandHandler;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.ComponentName;
import dev.moduleagent.api.ReportedProperties;
import dev.moduleagent.api.Telemetry;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.twin.TwinRules;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module agent as a Declarative Services component: configured by PID {@value AgentConfig#PID}, it checks the
 * identity, starts the {@link Agent} (which connects in the background), tracks {@link ComponentHandler} plug-ins
 * (whiteboard) and registers the {@link ReportedProperties} service, one instance per bundle ({@link PluginReports}).
 *
 * <p>A wrong configuration, identity or data folder stops the agent with one ERROR line: nothing connects and no
 * {@link ReportedProperties} service is registered, until the configuration changes. The component does not throw
 * from activation on purpose: SCR would print a stack trace, keep the declared service registered, and try to
 * activate again on every lookup of it, which is the retry loop this must not be.
 */
@Component(configurationPid = AgentConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {},
        immediate = true)
@Designate(ocd = AgentConfig.class)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.moduleagent.api.ReportedProperties",
        uses = ReportedProperties.class)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.moduleagent.api.Telemetry",
        uses = Telemetry.class)
public final class ModuleAgent {

    /** The framework property naming the agent's log file (set by the launcher). */
    public static final String LOG_FILE_PROPERTY = "moduleagent.log.file";

    private static final Logger LOG = LoggerFactory.getLogger(ModuleAgent.class);

    private final Agent agent;
    private final ServiceRegistration<ReportedProperties> registration;
    private final ServiceRegistration<Telemetry> telemetry;
    private final DeployFolderWatch deployFolder;
    private final HealthServer healthServer;
    private RenewalService renewal;

    /**
     * @param context this bundle's context (for the agent's version and the service registration)
     * @param properties the configuration
     */
    @Activate
    public ModuleAgent(BundleContext context, Map<String, Object> properties) {
        Agent started = startAgent(context, properties);
        HealthServer served = null;
        if (started != null) {
            try {
                served = serveHealth(started, properties);
            } catch (StartupException e) {
                LOG.error("module agent not started: {}", e.getMessage());
                if (renewal != null) {
                    renewal.close();
                    renewal = null;
                }
                started.close();
                started = null;
            }
        }
        agent = started;
        healthServer = served;
        registration = agent == null ? null
                : context.registerService(ReportedProperties.class, new PluginReports(context, agent.reported()), null);
        deployFolder = agent == null ? null : watchDeployFolder(context, agent);
        telemetry = agent == null ? null : context.registerService(Telemetry.class, agent.telemetry(), null);
        if (agent != null) {
            agent.commands().add(new HandlerInfo(AgentCommands.COMPONENT, context.getBundle().getSymbolicName(),
                    context.getBundle().getVersion().toString(), -1, Integer.MAX_VALUE),
                    new AgentCommands(logFile(context), new BundleControl(context), Clock.systemUTC(),
                            context.getBundle().getVersion().toString()));
            deployPlugins(context, properties, agent);
        }
    }

    /** The agent's desired {@code plugins} go to the deployer, registered as the handler of component agent. */
    private static void deployPlugins(BundleContext context, Map<String, Object> properties, Agent agent) {
        try {
            String home = context.getProperty("moduleagent.home");
            DeploymentSettings settings = DeploymentSettings.from(properties, home == null ? null : Path.of(home),
                    AgentSettings.parse(properties).dataDir());
            agent.addHandler(new HandlerInfo(ReportedAggregator.AGENT_COMPONENT, context.getBundle().getSymbolicName(),
                    context.getBundle().getVersion().toString(), -2, Integer.MAX_VALUE),
                    PluginDeployer.start(context, settings, agent::rehand));
        } catch (StartupException | IllegalArgumentException | java.io.IOException e) {
            LOG.error("plug-ins are not deployed from the twin: {}", e.getMessage());
        }
    }

    /** The launcher names the agent's log file in this framework property; {@code agent*getLogs} reads it. */
    private static Path logFile(BundleContext context) {
        String file = context.getProperty(LOG_FILE_PROPERTY);
        return file == null || file.isBlank() ? null : Path.of(file);
    }

    /** The deploy-folder inventory is an extra: a malformed FileInstall property must not fail activation. */
    private static DeployFolderWatch watchDeployFolder(BundleContext context, Agent agent) {
        try {
            return DeployFolderWatch.start(context, agent.agentReports()).orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("no deploy folder inventory: {}", e.toString());
            return null;
        }
    }

    /** {@code /health} and {@code /metrics} when {@code health.port} is set; {@code null} otherwise. */
    private static HealthServer serveHealth(Agent agent, Map<String, Object> properties) throws StartupException {
        try {
            HealthSettings settings = HealthSettings.parse(properties);
            return settings.enabled() ? HealthServer.start(settings, agent.health(), agent.metrics()) : null;
        } catch (IllegalArgumentException | IOException e) {
            throw new StartupException("configuration " + AgentConfig.PID + ": " + e.getMessage());
        }
    }

    private Agent startAgent(BundleContext context, Map<String, Object> properties) {
        try {
            AgentSettings settings = AgentSettings.parse(properties);
            ModuleIdentity identity = loadIdentity(settings);
            SdkChannelFactory channels = new SdkChannelFactory(settings.hubSettings(identity.sslContext()));
            Agent started = Agent.start(settings, identity, channels, context.getBundle().getVersion().toString(),
                    Clock.systemUTC(), AgentTuning.defaults());
            renewal = startRenewal(settings, channels, started);
            return started;
        } catch (StartupException e) {
            LOG.error("module agent not started: {}", e.getMessage());
            return null;
        }
    }

    /** Certificate renewal is an extra: when it cannot start, the agent runs on with its current identity. */
    private static RenewalService startRenewal(AgentSettings settings, SdkChannelFactory channels, Agent agent) {
        try {
            return RenewalService.start(settings.identityFiles(), IdentityName.of(settings.deviceId(),
                    settings.moduleId()), settings.renewal(), identity -> {
                        channels.useSslContext(identity);
                        return agent.reconnect();
                    }, agent.agentReports());
        } catch (IdentityException | CertificateToolException e) {
            LOG.error("certificate renewal not started: {}", e.getMessage());
            return null;
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

    /** Stops the agent; reports not yet confirmed stay on disk for the next start. */
    @Deactivate
    void deactivate() {
        if (renewal != null) {
            renewal.close();
        }
        if (healthServer != null) {
            healthServer.close();
        }
        if (deployFolder != null) {
            deployFolder.close();
        }
        unregister(registration);
        unregister(telemetry);
        if (agent != null) {
            agent.close();
        }
    }

    private static void unregister(ServiceRegistration<?> service) {
        if (service != null) {
            try {
                service.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("service already unregistered");
            }
        }
    }

    /**
     * @param handler a plug-in's command handler
     * @param reference its service reference (component name, bundle, id, ranking)
     */
    @Reference(service = CommandHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addCommandHandler(CommandHandler handler, ServiceReference<CommandHandler> reference) {
        HandlerInfo info = agent == null ? null : describe(reference);
        if (info != null) {
            LOG.info("commands of component {}: {} {} (service {})", info.component(), info.bundle(),
                    info.bundleVersion(), info.serviceId());
            agent.commands().add(info, handler);
        }
    }

    /** @param reference a command handler that went away */
    void removeCommandHandler(ServiceReference<CommandHandler> reference) {
        if (agent != null) {
            agent.commands().remove((Long) reference.getProperty(Constants.SERVICE_ID));
        }
    }

    /**
     * @param handler a plug-in
     * @param reference its service reference (component name, bundle, id, ranking)
     */
    @Reference(service = ComponentHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addHandler(ComponentHandler handler, ServiceReference<ComponentHandler> reference) {
        HandlerInfo info = agent == null ? null : describe(reference);
        if (info != null) {
            agent.addHandler(info, handler);
        }
    }

    /** @param handler a plug-in whose properties changed; it is treated as removed and added again */
    void updatedHandler(ComponentHandler handler, ServiceReference<ComponentHandler> reference) {
        removeHandler(reference);
        addHandler(handler, reference);
    }

    /** @param reference a plug-in that went away */
    void removeHandler(ServiceReference<ComponentHandler> reference) {
        if (agent != null) {
            agent.removeHandler((Long) reference.getProperty(Constants.SERVICE_ID));
        }
    }

    private static HandlerInfo describe(ServiceReference<?> reference) {
        Optional<String> name = PluginServices.componentOf(reference);
        String bundle = reference.getBundle() == null ? "?" : reference.getBundle().getSymbolicName();
        String version = reference.getBundle() == null ? "?" : reference.getBundle().getVersion().toString();
        if (name.isEmpty()) {
            LOG.warn("plug-in service from {} {} names no component (or two): set {} (@ComponentName); ignored", bundle,
                    version, ComponentName.PROPERTY);
            return null;
        }
        String component = name.get();
        try {
            TwinRules.checkKey(component, "component name");
        } catch (IllegalArgumentException e) {
            LOG.warn("plug-in service from {} {}: {}; ignored", bundle, version, e.getMessage());
            return null;
        }
        if (ReportedAggregator.AGENT_COMPONENT.equals(component)) {
            LOG.warn("plug-in service from {} {} claims the agent's own component '{}'; ignored", bundle, version,
                    component);
            return null;
        }
        Object ranking = reference.getProperty(Constants.SERVICE_RANKING);
        return new HandlerInfo(component, bundle, version, (Long) reference.getProperty(Constants.SERVICE_ID),
                ranking instanceof Integer r ? r : 0);
    }
}
