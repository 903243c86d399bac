package dev.moduleagent.api;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The agent's side of one {@link ComponentHandler#apply} call. Valid only until that call returns; safe to use from
 * any thread meanwhile.
 */
@ProviderType
public interface ApplyContext {

    /**
     * Reports that the work is under way: the section's properties are acknowledged with {@code ac} 202 and this
     * description. The agent forwards at most one progress report per component per second; the latest wins.
     *
     * @param description for example {@code "downloading 12.5 MB of 100 MB (12%)"}
     */
    void progress(String description);

    /**
     * Merges read-only properties into this component's reported section (for example the installed version).
     * A {@code null} value deletes the property. Reports are rate-limited as described at
     * {@link ReportedProperties#report}: calling this in a loop is cheap, and the latest value of each property wins.
     *
     * @param properties the properties to merge; keys must not start with {@code "__"} and must not be names of the
     *     section's desired properties, which carry acknowledgements
     * @throws IllegalArgumentException when a name or value breaks IoT Hub's twin rules (nothing is reported)
     */
    void report(Map<String, ?> properties);

    /**
     * @return whether a newer desired version of this component is waiting; the handler should stop early, leave the
     *     device in a consistent state and return any outcome, which the agent then does not acknowledge
     */
    boolean isSuperseded();
}
