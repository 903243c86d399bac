package dev.moduleagent.agent.internal.plugin;

import dev.moduleagent.api.CommandHandler;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.ComponentName;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Reads which component a plug-in service serves, from the typed {@link ComponentName} property
 * ({@value ComponentName#PROPERTY}) or, for bundles built before it, the raw {@code moduleagent.component}: the one
 * place that knows both, so registration, commands, deployment and reports agree.
 */
public final class PluginServices {

    private static final List<String> HANDLER_TYPES = List.of(ComponentHandler.class.getName(),
            CommandHandler.class.getName());

    private PluginServices() {
    }

    /**
     * @param reference a plug-in service
     * @return the component it names; empty when it names none (or two different ones)
     */
    public static Optional<String> componentOf(ServiceReference<?> reference) {
        Optional<String> typed = text(reference.getProperty(ComponentName.PROPERTY));
        @SuppressWarnings("deprecation")
        Optional<String> raw = text(reference.getProperty(ComponentHandler.COMPONENT));
        if (typed.isPresent() && raw.isPresent() && !typed.equals(raw)) {
            return Optional.empty();
        }
        return typed.or(() -> raw);
    }

    /**
     * @param component a component name
     * @return an LDAP filter matching services that name it with either property
     */
    @SuppressWarnings("deprecation")
    public static String filter(String component) {
        String value = component.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
        return "(|(" + ComponentName.PROPERTY + "=" + value + ")(" + ComponentHandler.COMPONENT + "=" + value + "))";
    }

    /**
     * @param bundle a bundle
     * @param types the service types to look at, by class name
     * @return the components named by services of those types that the bundle registers now
     */
    public static Set<String> components(Bundle bundle, List<String> types) {
        Set<String> components = new TreeSet<>();
        ServiceReference<?>[] services = bundle.getRegisteredServices();
        for (ServiceReference<?> service : services == null ? new ServiceReference<?>[0] : services) {
            List<String> classes = List.of((String[]) service.getProperty(Constants.OBJECTCLASS));
            if (classes.stream().anyMatch(types::contains)) {
                componentOf(service).ifPresent(components::add);
            }
        }
        return components;
    }

    /**
     * @param bundle a bundle
     * @return the components its {@code ComponentHandler} and {@code CommandHandler} services name now
     */
    public static Set<String> owned(Bundle bundle) {
        return components(bundle, HANDLER_TYPES);
    }

    /**
     * @param context a bundle context to look services up with
     * @param bundle a bundle
     * @param component a component name
     * @return whether a handler service of another bundle names the component now (true for a name no filter takes)
     */
    public static boolean ownedElsewhere(BundleContext context, Bundle bundle, String component) {
        ServiceReference<?>[] services;
        try {
            services = context.getAllServiceReferences(null, filter(component));
        } catch (InvalidSyntaxException e) {
            return true;
        }
        for (ServiceReference<?> service : services == null ? new ServiceReference<?>[0] : services) {
            List<String> classes = List.of((String[]) service.getProperty(Constants.OBJECTCLASS));
            Bundle registrant = service.getBundle();
            if (registrant != null && registrant.getBundleId() != bundle.getBundleId()
                    && classes.stream().anyMatch(HANDLER_TYPES::contains)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> text(Object value) {
        Object first = value instanceof String[] values && values.length > 0 ? values[0] : value;
        return first instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
    }
}
