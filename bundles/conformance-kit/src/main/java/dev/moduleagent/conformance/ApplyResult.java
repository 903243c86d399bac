package dev.moduleagent.conformance;

import dev.moduleagent.api.Outcome;
import java.util.List;
import java.util.Map;

/**
 * What one scripted application of a desired section produced.
 *
 * @param component the component name
 * @param version the desired {@code $version} applied
 * @param outcome how apply ended (a validation rejection is {@code 400} with its reason)
 * @param acknowledged whether the outcome was acknowledged; {@code false} when a newer version superseded it
 * @param progress the progress descriptions the plug-in reported, in order
 * @param reported the component's reported section afterwards (acks and read-only properties)
 */
public record ApplyResult(String component, long version, Outcome outcome, boolean acknowledged,
        List<String> progress, Map<String, Object> reported) {

    /** @return the outcome code */
    public int code() {
        return outcome.code();
    }

    /**
     * @param key a reported key
     * @return its value in the reported section, or {@code null}
     */
    public Object reportedValue(String key) {
        return reported.get(key);
    }

    /**
     * @param property a property of the desired section
     * @return its acknowledgement {@code {"value", "ac", "av", "ad"}}, or {@code null}
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> ack(String property) {
        return (Map<String, Object>) reported.get(property);
    }
}
