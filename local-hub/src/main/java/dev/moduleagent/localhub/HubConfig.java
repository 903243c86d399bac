package dev.moduleagent.localhub;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how a {@link LocalHub} runs.
 *
 * @param bindAddress         the IP address both listeners bind to; it is also the HostName clients use, so it must
 *                            contain a '.' (the SDK refuses {@code localhost}), e.g. {@code 127.0.0.2}
 * @param mqttPort            the MQTT/TLS port; the SDK only ever connects to 8883
 * @param servicePort         the HTTPS port of the service API
 * @param dataDir             folder for the database, the hub's CA and server certificate, and the owner connection string
 * @param maxModulesPerDevice how many module identities one device may hold (IoT Hub: 20)
 * @param webSocketPort       the port of MQTT over WebSockets ({@code wss://host/$iothub/websocket}, the SDK's
 *                            {@code MQTT_WS}; the SDK only ever connects to 443), or 0 for none; AMQP over
 *                            WebSockets ({@code AMQPS_WS}) is served there too, chosen by the subprotocol
 * @param amqpPort            the AMQP 1.0 over TLS port (the SDK's {@code AMQPS} only ever connects to 5671), or 0
 *                            for none
 */
public record HubConfig(String bindAddress, int mqttPort, int servicePort, Path dataDir, int maxModulesPerDevice,
                        int webSocketPort, int amqpPort) {

    /** The SDK's fixed MQTT port. */
    public static final int DEFAULT_MQTT_PORT = 8883;
    /** The default port of the service API. */
    public static final int DEFAULT_SERVICE_PORT = 8443;
    /** The SDK's fixed port for MQTT over WebSockets ({@code MQTT_WS}). */
    public static final int DEFAULT_WEBSOCKET_PORT = 443;
    /** The SDK's fixed AMQPS port. */
    public static final int DEFAULT_AMQP_PORT = 5671;
    /** IoT Hub's limit of module identities per device. */
    public static final int DEFAULT_MAX_MODULES = 20;

    public HubConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must not be blank");
        }
        checkPort("mqttPort", mqttPort);
        checkPort("servicePort", servicePort);
        checkPort("webSocketPort", webSocketPort);
        checkPort("amqpPort", amqpPort);
        if (maxModulesPerDevice < 1 || maxModulesPerDevice > 1000) {
            throw new IllegalArgumentException("maxModulesPerDevice must be within 1..1000, got " + maxModulesPerDevice);
        }
    }

    /** The configuration before AMQP: AMQPS on its usual port 5671. */
    public HubConfig(String bindAddress, int mqttPort, int servicePort, Path dataDir, int maxModulesPerDevice,
        int webSocketPort) {
        this(bindAddress, mqttPort, servicePort, dataDir, maxModulesPerDevice, webSocketPort, DEFAULT_AMQP_PORT);
    }

    /**
     * The usual configuration: ports 8883 (MQTT), 5671 (AMQPS) and 8443, 20 modules per device, no WebSockets (port
     * 443 needs privileges on most machines).
     */
    public static HubConfig defaults(String bindAddress, Path dataDir) {
        return new HubConfig(bindAddress, DEFAULT_MQTT_PORT, DEFAULT_SERVICE_PORT, dataDir, DEFAULT_MAX_MODULES, 0,
            DEFAULT_AMQP_PORT);
    }

    /**
     * @param port the port for MQTT and AMQP over WebSockets (the SDK's {@code MQTT_WS} and {@code AMQPS_WS} use 443),
     *             or 0 for none
     * @return this configuration with that WebSocket port
     */
    public HubConfig withWebSocketPort(int port) {
        return new HubConfig(bindAddress, mqttPort, servicePort, dataDir, maxModulesPerDevice, port, amqpPort);
    }

    /**
     * @param port the AMQPS port (the SDK's {@code AMQPS} uses 5671), or 0 for none
     * @return this configuration with that AMQPS port
     */
    public HubConfig withAmqpPort(int port) {
        return new HubConfig(bindAddress, mqttPort, servicePort, dataDir, maxModulesPerDevice, webSocketPort, port);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be within 0..65535, got " + port);
        }
    }
}
