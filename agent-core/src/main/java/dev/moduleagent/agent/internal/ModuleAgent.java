package dev.moduleagent.agent.internal;

import dev.moduleagent.agent.internal.config.AgentConfigCheck;
import dev.moduleagent.agent.internal.config.ConfigChange;
import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.agent.internal.plugin.PluginServices;
import dev.moduleagent.agent.internal.reported.ReportedAggregator;
import dev.moduleagent.api.CommandHandler;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.ComponentName;
import dev.moduleagent.api.ReportedProperties;
import dev.moduleagent.api.Telemetry;
import dev.moduleagent.twin.TwinRules;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module agent as a Declarative Services component: configured by PID {@value AgentConfig#PID}, it checks the
 * configuration ({@link AgentConfigCheck}), starts an {@link AgentRun} (the agent connects in the background), tracks
 * {@link ComponentHandler} and {@link CommandHandler} plug-ins (whiteboard) and applies configuration changes while
 * it runs: live, by restarting the hub session, or by restarting the agent in place ({@link ConfigChange}).
 *
 * <p>A wrong configuration, identity or data folder at activation stops the agent with one ERROR line: nothing
 * connects and no {@link ReportedProperties} service is registered, until the configuration changes. A wrong changed
 * configuration is refused with one ERROR line and the agent keeps the previous one. The component does not throw
 * from activation on purpose: SCR would print a stack trace, keep a declared service registered, and try to activate
 * again on every lookup of it, which is the retry loop this must not be.
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
    public static final String LOG_FILE_PROPERTY = AgentRun.LOG_FILE_PROPERTY;

    private static final Logger LOG = LoggerFactory.getLogger(ModuleAgent.class);

    private final BundleContext context;
    private final Map<Long, Bound<ComponentHandler>> handlers = new LinkedHashMap<>();
    private final Map<Long, Bound<CommandHandler>> commandHandlers = new LinkedHashMap<>();
    private AgentRun run;
    private Map<String, String> config = Map.of();

    /** A plug-in service and who provides it, kept to hand it to an agent started again. */
    private record Bound<T>(HandlerInfo info, T handler) {
    }

    /**
     * @param context this bundle's context (for the agent's version and the service registrations)
     * @param properties the configuration
     */
    @Activate
    public ModuleAgent(BundleContext context, Map<String, Object> properties) {
        this.context = context;
        synchronized (this) {
            try {
                config = AgentConfigCheck.check(properties, home(context));
            } catch (IllegalArgumentException e) {
                LOG.error("module agent not started pid={} reason=\"{}\"", AgentConfig.PID, e.getMessage());
                return;
            }
            startRun();
        }
    }

    /**
     * A changed configuration (FileInstall watches {@code conf/agent.cfg}): checked first and refused whole when
     * wrong; otherwise applied as {@link ConfigChange} says, without restarting the process.
     *
     * @param properties the new configuration
     */
    @Modified
    synchronized void modified(Map<String, Object> properties) {
        Map<String, String> next;
        try {
            next = AgentConfigCheck.check(properties, home(context));
        } catch (IllegalArgumentException e) {
            refused(e.getMessage());
            return;
        }
        ConfigChange change = ConfigChange.between(config, next);
        if (change.scope() == ConfigChange.Scope.NONE && run != null) {
            LOG.debug("configuration {} updated without a change", AgentConfig.PID);
            return;
        }
        LOG.info("configuration changed pid={} keys={} apply={}", AgentConfig.PID, change.changed(), change.scope());
        try {
            if (run == null || change.scope() == ConfigChange.Scope.AGENT) {
                AgentRun.checkIdentity(next);
                restart(next);
            } else {
                run.apply(next, change);
                config = next;
            }
        } catch (StartupException e) {
            refused(e.getMessage());
        }
    }

    private void refused(String problem) {
        if (run == null) {
            LOG.error("module agent not started pid={} reason=\"{}\"", AgentConfig.PID, problem);
        } else {
            LOG.error("configuration refused pid={} action=keep-previous reason=\"{}\"", AgentConfig.PID, problem);
        }
    }

    private void restart(Map<String, String> next) {
        if (run != null) {
            LOG.info("agent restarts in place reason=configuration-changed");
            run.close();
            run = null;
        }
        config = next;
        startRun();
    }

    private void startRun() {
        try {
            run = AgentRun.start(context, config);
        } catch (StartupException e) {
            LOG.error("module agent not started pid={} reason=\"{}\"", AgentConfig.PID, e.getMessage());
            return;
        }
        handlers.values().forEach(bound -> run.agent().addHandler(bound.info(), bound.handler()));
        commandHandlers.values().forEach(bound -> run.agent().commands().add(bound.info(), bound.handler()));
    }

    private static Path home(BundleContext context) {
        String home = context.getProperty("moduleagent.home");
        return home == null || home.isBlank() ? null : Path.of(home);
    }

    /** Stops the agent; reports not yet confirmed stay on disk for the next start. */
    @Deactivate
    synchronized void deactivate() {
        if (run != null) {
            run.close();
            run = null;
        }
    }

    /**
     * @param handler a plug-in's command handler
     * @param reference its service reference (component name, bundle, id, ranking)
     */
    @Reference(service = CommandHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addCommandHandler(CommandHandler handler, ServiceReference<CommandHandler> reference) {
        HandlerInfo info = describe(reference);
        if (info != null) {
            LOG.info("commands bound component={} bundle={} version={} service={}", info.component(), info.bundle(),
                    info.bundleVersion(), info.serviceId());
            commandHandlers.put(info.serviceId(), new Bound<>(info, handler));
            if (run != null) {
                run.agent().commands().add(info, handler);
            }
        }
    }

    /** @param reference a command handler that went away */
    synchronized void removeCommandHandler(ServiceReference<CommandHandler> reference) {
        Long id = (Long) reference.getProperty(Constants.SERVICE_ID);
        commandHandlers.remove(id);
        if (run != null) {
            run.agent().commands().remove(id);
        }
    }

    /**
     * @param handler a plug-in
     * @param reference its service reference (component name, bundle, id, ranking)
     */
    @Reference(service = ComponentHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addHandler(ComponentHandler handler, ServiceReference<ComponentHandler> reference) {
        HandlerInfo info = describe(reference);
        if (info != null) {
            handlers.put(info.serviceId(), new Bound<>(info, handler));
            if (run != null) {
                run.agent().addHandler(info, handler);
            }
        }
    }

    /** @param handler a plug-in whose properties changed; it is treated as removed and added again */
    synchronized void updatedHandler(ComponentHandler handler, ServiceReference<ComponentHandler> reference) {
        removeHandler(reference);
        addHandler(handler, reference);
    }

    /** @param reference a plug-in that went away */
    synchronized void removeHandler(ServiceReference<ComponentHandler> reference) {
        Long id = (Long) reference.getProperty(Constants.SERVICE_ID);
        handlers.remove(id);
        if (run != null) {
            run.agent().removeHandler(id);
        }
    }

    private static HandlerInfo describe(ServiceReference<?> reference) {
        Optional<String> name = PluginServices.componentOf(reference);
        String bundle = reference.getBundle() == null ? "?" : reference.getBundle().getSymbolicName();
        String version = reference.getBundle() == null ? "?" : reference.getBundle().getVersion().toString();
        if (name.isEmpty()) {
            LOG.warn("plug-in service ignored bundle={} version={} reason=\"names no component (or two): set {} (@ComponentName)\"",
                    bundle, version, ComponentName.PROPERTY);
            return null;
        }
        String component = name.get();
        try {
            TwinRules.checkKey(component, "component name");
        } catch (IllegalArgumentException e) {
            LOG.warn("plug-in service ignored bundle={} version={} reason=\"{}\"", bundle, version, e.getMessage());
            return null;
        }
        if (ReportedAggregator.AGENT_COMPONENT.equals(component)) {
            LOG.warn("plug-in service ignored bundle={} version={} reason=\"claims the agent's own component {}\"", bundle,
                    version, component);
            return null;
        }
        Object ranking = reference.getProperty(Constants.SERVICE_RANKING);
        return new HandlerInfo(component, bundle, version, (Long) reference.getProperty(Constants.SERVICE_ID),
                ranking instanceof Integer r ? r : 0);
    }
}
