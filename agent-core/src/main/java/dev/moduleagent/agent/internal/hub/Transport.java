package dev.moduleagent.agent.internal.hub;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The transports the agent offers (the SDK's, minus HTTPS, which a module client cannot use). */
public enum Transport {
    /** MQTT over TLS, port 8883 (default). */
    MQTT,
    /** MQTT over WebSocket, port 443. */
    MQTT_WS,
    /** AMQP over TLS, port 5671. */
    AMQPS,
    /** AMQP over WebSocket, port 443. */
    AMQPS_WS;

    /**
     * @param text the configured value, case-insensitive; blank means {@link #MQTT}
     * @return the transport
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Transport parse(String text) {
        if (text == null || text.isBlank()) {
            return MQTT;
        }
        String normalised = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Transport transport : values()) {
            if (transport.name().equals(normalised)) {
                return transport;
            }
        }
        throw new IllegalArgumentException("transport '" + text + "' is not one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
