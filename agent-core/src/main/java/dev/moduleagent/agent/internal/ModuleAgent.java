package dev.moduleagent.agent.internal;

import dev.moduleagent.agent.internal.deploy.DeployFolderWatch;
import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.agent.internal.hub.HubSettings;
import dev.moduleagent.agent.internal.hub.SdkChannelFactory;
import dev.moduleagent.agent.internal.identity.IdentityException;
import dev.moduleagent.agent.internal.identity.IdentityLoader;
import dev.moduleagent.agent.internal.identity.ModuleIdentity;
import dev.moduleagent.agent.internal.identity.RenewalService;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.agent.internal.reported.ReportedAggregator;
import dev.moduleagent.agent.internal.reported.TwinRules;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.ReportedProperties;
import java.time.Clock;
import java.util.Map;
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
 * (whiteboard) and registers the {@link ReportedProperties} service.
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
public final class ModuleAgent {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleAgent.class);

    private final Agent agent;
    private final ServiceRegistration<ReportedProperties> registration;
    private final DeployFolderWatch deployFolder;
    private RenewalService renewal;

    /**
     * @param context this bundle's context (for the agent's version and the service registration)
     * @param properties the configuration
     */
    @Activate
    public ModuleAgent(BundleContext context, Map<String, Object> properties) {
        agent = startAgent(context, properties);
        registration = agent == null ? null
                : context.registerService(ReportedProperties.class, agent.reported(), null);
        deployFolder = agent == null ? null : watchDeployFolder(context, agent);
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

    private Agent startAgent(BundleContext context, Map<String, Object> properties) {
        try {
            AgentSettings settings = AgentSettings.parse(properties);
            ModuleIdentity identity = loadIdentity(settings);
            HubSettings hub = new HubSettings(settings.hubHost(), settings.gatewayHost(), settings.deviceId(),
                    settings.moduleId(), settings.transport(), settings.keepAliveSeconds(), identity.sslContext());
            SdkChannelFactory channels = new SdkChannelFactory(hub);
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
        if (deployFolder != null) {
            deployFolder.close();
        }
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("ReportedProperties already unregistered");
            }
        }
        if (agent != null) {
            agent.close();
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

    private static HandlerInfo describe(ServiceReference<ComponentHandler> reference) {
        Object name = reference.getProperty(ComponentHandler.COMPONENT);
        if (name instanceof String[] names && names.length > 0) {
            name = names[0];
        }
        String bundle = reference.getBundle() == null ? "?" : reference.getBundle().getSymbolicName();
        String version = reference.getBundle() == null ? "?" : reference.getBundle().getVersion().toString();
        if (!(name instanceof String component) || component.isBlank()) {
            LOG.warn("plug-in service from {} {} has no {} property; ignored", bundle, version, ComponentHandler.COMPONENT);
            return null;
        }
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
