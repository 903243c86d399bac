package dev.moduleagent.api;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Lets a plug-in contribute read-only reported properties at any time, outside {@link ComponentHandler#apply}
 * (for example a periodic inventory). The agent registers it as a bundle-scoped OSGi service: the instance a bundle
 * gets writes only the components that bundle's own {@link ComponentHandler} or {@link CommandHandler} services name
 * (see {@link ComponentName}), so no plug-in can write into another's section (since 1.2.0; ownership follows the
 * services as they come and go). A component the bundle already wrote stays writable while no other bundle's handler
 * names it, so that a plug-in can withdraw its properties in {@code @Deactivate}, after its handler was
 * unregistered.
 *
 * <p>Reports are merged, coalesced with others into as few twin patches as possible, kept on disk until the hub
 * confirms them, and sent in order once connected. Safe to call from any thread; never blocks on the network.
 *
 * <p><b>Rate limit.</b> Per component, the first report is written to disk at once; reports made within the next
 * second are merged in memory (the latest value of each property wins) and written together when that second is
 * over, so a component's reports cost at most one disk write per second, plus one per 32 KB of distinct properties.
 * A report held in memory is lost if the process dies within that second; reports are written before the agent
 * stops. The same limit applies to {@link ApplyContext#report}.
 */
@ProviderType
public interface ReportedProperties {

    /**
     * Merges properties into a component's reported section.
     *
     * @param component the component name, as in {@link ComponentName}
     * @param properties the properties to merge; a {@code null} value deletes the property
     * @throws IllegalArgumentException when the calling bundle registers no {@link ComponentHandler} or
     *     {@link CommandHandler} for the component (the message names the bundle and the components it owns), when
     *     the component name or a key breaks IoT Hub's rules (no {@code .}, {@code $} or space), nesting is deeper
     *     than IoT Hub allows, or the section would exceed the reported size limit
     */
    void report(String component, Map<String, ?> properties);
}
