package dev.moduleagent.agent.internal.dispatch;

/**
 * Who provides a {@link dev.moduleagent.api.ComponentHandler}: for the inventory, logs, and choosing between two
 * plug-ins that claim the same component (highest ranking, then oldest service wins).
 *
 * @param component the component name from the service property
 * @param bundle the providing bundle's symbolic name
 * @param bundleVersion the providing bundle's version
 * @param serviceId the OSGi service id
 * @param ranking the OSGi service ranking
 */
public record HandlerInfo(String component, String bundle, String bundleVersion, long serviceId, int ranking) {
}
