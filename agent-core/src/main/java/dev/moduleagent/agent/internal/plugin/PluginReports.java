package dev.moduleagent.agent.internal.plugin;

import dev.moduleagent.api.ReportedProperties;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;

/** Registers {@link ReportedProperties} per bundle (bundle scope): each bundle gets its own {@link BundleReports}. */
public final class PluginReports implements ServiceFactory<ReportedProperties> {

    private final BundleContext context;
    private final ReportedProperties target;

    /**
     * @param context the agent's bundle context, to see which bundles' handlers name a component
     * @param target the agent's reported properties, which every bundle's instance writes to
     */
    public PluginReports(BundleContext context, ReportedProperties target) {
        this.context = context;
        this.target = target;
    }

    @Override
    public ReportedProperties getService(Bundle bundle, ServiceRegistration<ReportedProperties> registration) {
        return new BundleReports(bundle.getSymbolicName(), () -> PluginServices.owned(bundle),
                component -> PluginServices.ownedElsewhere(context, bundle, component), target);
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<ReportedProperties> registration,
                             ReportedProperties service) {
        // nothing held per bundle
    }
}
