package dev.moduleagent.agent.internal.plugin;

import dev.moduleagent.api.ReportedProperties;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The {@link ReportedProperties} one bundle gets: it writes only the components that bundle's own
 * {@code ComponentHandler} or {@code CommandHandler} services name, so one plug-in cannot overwrite another's section.
 * Ownership is read at every call, so it follows services as they come and go. A component this instance wrote while
 * it owned it stays writable as long as no other bundle's handler names it: a plug-in withdraws what it reported when
 * it stops, after Declarative Services has already unregistered its handler.
 */
public final class BundleReports implements ReportedProperties {

    private final String bundle;
    private final Supplier<Set<String>> owned;
    private final Predicate<String> ownedElsewhere;
    private final ReportedProperties target;
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    /**
     * @param bundle the bundle's symbolic name, for the refusal's message
     * @param owned the components the bundle's handler services name now
     * @param ownedElsewhere whether another bundle's handler service names a component now
     * @param target where permitted reports go
     */
    public BundleReports(String bundle, Supplier<Set<String>> owned, Predicate<String> ownedElsewhere,
                         ReportedProperties target) {
        this.bundle = bundle;
        this.owned = owned;
        this.ownedElsewhere = ownedElsewhere;
        this.target = target;
    }

    /** @throws IllegalArgumentException also when the component is not one this bundle's handlers name */
    @Override
    public void report(String component, Map<String, ?> properties) {
        Set<String> mine = owned.get();
        boolean permitted = mine.contains(component)
                || written.contains(component) && !ownedElsewhere.test(component);
        if (!permitted) {
            throw new IllegalArgumentException("bundle " + bundle + " may not report component '" + component
                    + "': it reports only the components its ComponentHandler or CommandHandler services name "
                    + (mine.isEmpty() ? "(it registers none)" : mine));
        }
        target.report(component, properties);
        written.add(component);
    }
}
