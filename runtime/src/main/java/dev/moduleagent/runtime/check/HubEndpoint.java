package dev.moduleagent.runtime.check;

import java.util.Map;

/**
 * Where the agent connects: {@code gateway.host} when set, else {@code hub.host}, on the port the SDK uses for the
 * configured transport (fixed by the SDK: MQTT 8883, AMQPS 5671, both WebSocket transports 443).
 *
 * @param host the host name or address
 * @param port the port
 * @param transport the configured transport
 */
record HubEndpoint(String host, int port, String transport) {

    static HubEndpoint of(Map<String, String> config) {
        String host = config.getOrDefault("gateway.host", config.get("hub.host"));
        String transport = config.getOrDefault("transport", "MQTT");
        return new HubEndpoint(host, portOf(transport), transport);
    }

    static int portOf(String transport) {
        return switch (transport) {
            case "MQTT_WS", "AMQPS_WS" -> 443;
            case "AMQPS" -> 5671;
            default -> 8883;
        };
    }

    /** @return the port of the other family (8883 for WebSocket transports, 443 otherwise), to name a wrong transport */
    int otherPort() {
        return port == 443 ? 8883 : 443;
    }

    /** @return the transport that would use {@link #otherPort()} */
    String otherTransport() {
        return switch (transport) {
            case "MQTT_WS" -> "MQTT";
            case "AMQPS_WS" -> "AMQPS";
            case "AMQPS" -> "AMQPS_WS";
            default -> "MQTT_WS";
        };
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
