package dev.moduleagent.agent.internal.command;

import dev.moduleagent.agent.internal.plugin.PluginServices;
import dev.moduleagent.api.CommandHandler;
import dev.moduleagent.api.ComponentHandler;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FrameworkControl} on the real framework. A restart of the agent goes through the launcher: it registers a
 * {@code Runnable} service with {@value #RESTART_PROPERTY}{@code =true} that stops the framework and makes the process
 * exit with its "restart requested" code; without that service (an agent embedded elsewhere) restart is refused.
 */
public final class BundleControl implements FrameworkControl {

    /** The service property of the launcher's restart service. */
    public static final String RESTART_PROPERTY = "moduleagent.restart";
    /** How long the restart waits, so that the answer to {@code agent*restart} leaves before the connection closes. */
    static final Duration ANSWER_GRACE = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(BundleControl.class);

    private final BundleContext context;

    /** @param context the agent bundle's context */
    public BundleControl(BundleContext context) {
        this.context = context;
    }

    @Override
    public Map<String, Object> restartPlugin(String plugin) throws CommandFailure {
        Bundle bundle = find(plugin);
        if (bundle.getBundleId() == 0 || bundle.getBundleId() == context.getBundle().getBundleId()) {
            throw new CommandFailure(400, "'" + plugin + "' is the agent itself; use agent*restart");
        }
        LOG.info("plug-in restart requested bundle={} version={}", bundle.getSymbolicName(), bundle.getVersion());
        try {
            bundle.stop(Bundle.STOP_TRANSIENT);
            bundle.start(Bundle.START_TRANSIENT);
        } catch (BundleException | IllegalStateException e) {
            throw new CommandFailure(500, "plug-in " + bundle.getSymbolicName() + " did not restart: "
                    + e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("bundle", bundle.getSymbolicName());
        answer.put("version", bundle.getVersion().toString());
        answer.put("state", bundle.getState() == Bundle.ACTIVE ? "ACTIVE" : "NOT_ACTIVE");
        return answer;
    }

    @Override
    public void restartAgent() {
        Collection<ServiceReference<Runnable>> restarts = restartServices();
        if (restarts.isEmpty()) {
            throw new IllegalStateException("this agent has no supervisor to restart it (no launcher restart service)");
        }
        Runnable restart = context.getService(restarts.iterator().next());
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(ANSWER_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.info("agent restart requested");
            restart.run();
        }, "agent-restart");
        thread.setDaemon(true);
        thread.start();
    }

    private Collection<ServiceReference<Runnable>> restartServices() {
        try {
            return context.getServiceReferences(Runnable.class, "(" + RESTART_PROPERTY + "=true)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Bundle find(String plugin) throws CommandFailure {
        for (Class<?> type : new Class<?>[] {ComponentHandler.class, CommandHandler.class}) {
            try {
                ServiceReference<?>[] references = context.getServiceReferences(type.getName(),
                        PluginServices.filter(plugin));
                if (references != null && references.length > 0 && references[0].getBundle() != null) {
                    return references[0].getBundle();
                }
            } catch (InvalidSyntaxException e) {
                throw new CommandFailure(400, "'" + plugin + "' is not a plug-in name");
            }
        }
        for (Bundle bundle : context.getBundles()) {
            if (plugin.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new CommandFailure(404, "no plug-in serves component '" + plugin + "' and no bundle is named so");
    }
}
