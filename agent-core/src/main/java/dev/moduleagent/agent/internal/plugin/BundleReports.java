package dev.moduleagent.agent.internal.plugin;

import dev.moduleagent.api.ReportedProperties;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@link ReportedProperties} one bundle gets: it writes only the components that bundle's own
 * {@code ComponentHandler} or {@code CommandHandler} services name, so one plug-in cannot overwrite another's section.
 * Ownership is read at every call, so it follows services as they come and go.
 */
public final class BundleReports implements ReportedProperties {

    private final String bundle;
    private final Supplier<Set<String>> owned;
    private final ReportedProperties target;

    /**
     * @param bundle the bundle's symbolic name, for the refusal's message
     * @param owned the components the bundle owns now
     * @param target where permitted reports go
     */
    public BundleReports(String bundle, Supplier<Set<String>> owned, ReportedProperties target) {
        this.bundle = bundle;
        this.owned = owned;
        this.target = target;
    }

    /** @throws IllegalArgumentException also when the component is not one this bundle's handlers name */
    @Override
    public void report(String component, Map<String, ?> properties) {
        Set<String> mine = owned.get();
        if (!mine.contains(component)) {
            throw new IllegalArgumentException("bundle " + bundle + " may not report component '" + component
                    + "': it reports only the components its ComponentHandler or CommandHandler services name "
                    + (mine.isEmpty() ? "(it registers none)" : mine));
        }
        target.report(component, properties);
    }
}
