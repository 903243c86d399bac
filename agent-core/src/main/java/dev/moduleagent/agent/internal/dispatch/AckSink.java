package dev.moduleagent.agent.internal.dispatch;

import java.util.Map;

/** Where the dispatcher sends acknowledgements and a plug-in's read-only properties (the reported side). */
public interface AckSink {

    /**
     * Acknowledges every property of a desired section with the same code, version and description.
     *
     * @param component the component name
     * @param desired the section's properties; each becomes {@code {"value": <desired>, "ac", "av", "ad"}}
     * @param ack the acknowledgement
     * @throws IllegalArgumentException when the acknowledgement breaks IoT Hub's reported-property rules
     */
    void acknowledge(String component, Map<String, Object> desired, Ack ack);

    /**
     * Acknowledges a final outcome and records it as applied in one durable step: a stop right after it neither
     * loses the acknowledgement nor applies the same section again at the next start.
     *
     * @param component the component name
     * @param desired the section's properties (may be empty: then only the record is kept)
     * @param ack the final acknowledgement
     * @param record what to remember as applied for the component
     * @throws IllegalArgumentException when the acknowledgement breaks IoT Hub's reported-property rules (nothing is
     *     written then)
     */
    void acknowledgeApplied(String component, Map<String, Object> desired, Ack ack, AppliedRecord record);

    /**
     * Merges a plug-in's read-only properties into its component's reported section.
     *
     * @param component the component name
     * @param properties the properties; {@code null} values delete
     * @throws IllegalArgumentException when the properties break IoT Hub's reported-property rules
     */
    void reportReadOnly(String component, Map<String, ?> properties);
}
