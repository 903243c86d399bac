package dev.moduleagent.sysinfo.internal;

import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.CommandHandler;
import dev.moduleagent.api.CommandRequest;
import dev.moduleagent.api.CommandResponse;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.ComponentName;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import dev.moduleagent.api.ReportedProperties;
import dev.moduleagent.api.Validation;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns component {@code sysinfo}: reports the inventory through {@link ReportedProperties} on its own scheduled
 * thread, and takes one desired property, {@code intervalSeconds} (10 to 86400), kept across restarts. Its command
 * {@code sysinfo*refresh} collects and reports the inventory at once and answers with it.
 */
@Component(service = {ComponentHandler.class, CommandHandler.class}, immediate = true, configurationPid = SysinfoComponent.PID)
@ComponentName(SysinfoComponent.NAME)
@Designate(ocd = SysinfoConfig.class)
public class SysinfoComponent implements ComponentHandler, CommandHandler, AutoCloseable {

    static final String PID = "dev.moduleagent.sysinfo";
    static final String NAME = "sysinfo";
    static final long MIN_INTERVAL_SECONDS = 10;
    static final long MAX_INTERVAL_SECONDS = 86_400;
    private static final String AGENT_BUNDLE = "dev.moduleagent.agent-core";
    private static final Logger LOG = LoggerFactory.getLogger(SysinfoComponent.class);
    private final IntervalStore store;
    private final InventoryRefresher refresher;

    /**
     * @param config the configuration
     * @param reported the agent's reported-properties service
     * @param context this bundle's context, to find the agent's version
     */
    @Activate
    public SysinfoComponent(SysinfoConfig config, @Reference(name = "reported") ReportedProperties reported,
            BundleContext context) {
        this(SysinfoSettings.of(config), reported, () -> agentVersion(context));
    }

    /**
     * @param settings the settings
     * @param reported where the inventory goes
     * @param agentVersion the agent's version
     */
    public SysinfoComponent(SysinfoSettings settings, ReportedProperties reported, Supplier<String> agentVersion) {
        this.store = new IntervalStore(settings.dataFolder());
        SystemInventory inventory = new SystemInventory(settings.procFolder(), settings.osReleaseFile(),
                settings.dataFolder(), agentVersion);
        this.refresher = new InventoryRefresher(inventory, reported, NAME);
        Duration interval = store.load().orElse(settings.interval());
        refresher.every(interval);
        LOG.info("sysinfo active intervalSeconds={}", interval.toSeconds());
    }

    /** Stops reporting and ends the refresh thread. */
    @Deactivate
    @Override
    public void close() {
        refresher.close();
    }

    @Override
    public Validation validate(DesiredSection section) {
        try {
            interval(section);
            return Validation.accept();
        } catch (IllegalArgumentException e) {
            return Validation.reject(e.getMessage());
        }
    }

    @Override
    public Outcome apply(DesiredSection section, ApplyContext context) throws IOException {
        Duration interval = interval(section);
        store.save(interval);
        refresher.every(interval);
        return Outcome.done("reporting every " + interval.toSeconds() + " s");
    }

    @Override
    public Set<String> commands() {
        return Set.of("refresh");
    }

    @Override
    public CommandResponse handle(CommandRequest request) throws Exception {
        return CommandResponse.ok(refresher.refreshNow(request.timeout()));
    }

    private static Duration interval(DesiredSection section) {
        for (String key : section.properties().keySet()) {
            if (!key.equals("intervalSeconds")) {
                throw new IllegalArgumentException("unknown property '" + key + "'; sysinfo takes intervalSeconds");
            }
        }
        Object value = section.properties().get("intervalSeconds");
        if (value == null) {
            throw new IllegalArgumentException("intervalSeconds is missing");
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.doubleValue() < MIN_INTERVAL_SECONDS || number.doubleValue() > MAX_INTERVAL_SECONDS) {
            throw new IllegalArgumentException("intervalSeconds " + value + " is not a whole number from "
                    + MIN_INTERVAL_SECONDS + " to " + MAX_INTERVAL_SECONDS);
        }
        return Duration.ofSeconds(number.longValue());
    }

    private static String agentVersion(BundleContext context) {
        try {
            for (Bundle bundle : context.getBundles()) {
                if (AGENT_BUNDLE.equals(bundle.getSymbolicName())) {
                    return bundle.getVersion().toString();
                }
            }
        } catch (IllegalStateException e) {
            // the bundle is stopping: no framework to ask
        }
        return "unknown";
    }
}
