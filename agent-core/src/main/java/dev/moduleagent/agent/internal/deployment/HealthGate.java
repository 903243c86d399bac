package dev.moduleagent.agent.internal.deployment;

import dev.moduleagent.api.CommandHandler;
import dev.moduleagent.api.ComponentHandler;
import java.time.Duration;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * Decides whether a freshly installed plug-in is healthy: it must become ACTIVE and register a
 * {@link ComponentHandler} (or {@link CommandHandler}) service within the window, then stay so for the whole window.
 */
final class HealthGate {

    private static final long POLL_MILLIS = 100;

    private final Duration window;

    HealthGate(Duration window) {
        this.window = window;
    }

    /**
     * @param bundle the plug-in's bundle
     * @return empty when healthy, else why not
     * @throws InterruptedException when the agent stops
     */
    Optional<String> check(Bundle bundle) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + window.toNanos();
        while (problem(bundle) != null) {
            if (System.nanoTime() > deadline) {
                return Optional.of("not healthy within " + window.toSeconds() + " s: " + problem(bundle));
            }
            Thread.sleep(POLL_MILLIS);
        }
        long healthySince = System.nanoTime();
        long until = healthySince + window.toNanos();
        while (System.nanoTime() < until) {
            String problem = problem(bundle);
            if (problem != null) {
                return Optional.of(problem + " after " + (System.nanoTime() - healthySince) / 1_000_000
                        + " ms of the " + window.toSeconds() + " s health window");
            }
            Thread.sleep(POLL_MILLIS);
        }
        return Optional.empty();
    }

    private static String problem(Bundle bundle) {
        if (bundle.getState() != Bundle.ACTIVE) {
            return "the bundle is not ACTIVE (state " + bundle.getState() + ")";
        }
        ServiceReference<?>[] services = bundle.getRegisteredServices();
        if (services != null) {
            for (ServiceReference<?> service : services) {
                for (String type : (String[]) service.getProperty(Constants.OBJECTCLASS)) {
                    if (type.equals(ComponentHandler.class.getName()) || type.equals(CommandHandler.class.getName())) {
                        return null;
                    }
                }
            }
        }
        return "it registers no ComponentHandler or CommandHandler service";
    }
}
