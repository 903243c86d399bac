package dev.moduleagent.localhub;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how a {@link LocalHub} runs.
 *
 * @param bindAddress         the IP address the listeners bind to; it is also the HostName clients use, so it must
 *                            contain a '.' (the SDK refuses {@code localhost}), e.g. {@code 127.0.0.2}
 * @param mqttPort            the MQTT/TLS port; the device SDK only ever connects to 8883
 * @param servicePort         the HTTPS port serving, as IoT Hub's 443 does, both the service REST API and MQTT over
 *                            WebSockets ({@code wss://host/$iothub/websocket}); Microsoft's SDKs only ever use 443
 * @param dataDir             folder for the database, the hub's CA and server certificate, and the owner connection string
 * @param maxModulesPerDevice how many module identities one device may hold (IoT Hub's quota: 50)
 * @param webSocketPort       a second HTTPS port with the same routing (REST and WebSockets), or 0 for none
 * @param fallbackServicePort the HTTPS port used when {@code servicePort} cannot be bound (e.g. 443 without
 *                            privileges), or 0 to fail instead
 */
public record HubConfig(String bindAddress, int mqttPort, int servicePort, Path dataDir, int maxModulesPerDevice,
                        int webSocketPort, int fallbackServicePort) {

    /** The SDK's fixed MQTT port. */
    public static final int DEFAULT_MQTT_PORT = 8883;
    /** IoT Hub's HTTPS port (REST and WebSockets), which the SDKs always use. */
    public static final int DEFAULT_SERVICE_PORT = 443;
    /** Where the HTTPS listener goes when 443 cannot be bound. */
    public static final int FALLBACK_SERVICE_PORT = 8443;
    /** The SDK's fixed port for MQTT over WebSockets ({@code MQTT_WS}). */
    public static final int DEFAULT_WEBSOCKET_PORT = 443;
    /** IoT Hub's quota of module identities per device. */
    public static final int DEFAULT_MAX_MODULES = 50;

    public HubConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must not be blank");
        }
        checkPort("mqttPort", mqttPort);
        checkPort("servicePort", servicePort);
        checkPort("webSocketPort", webSocketPort);
        checkPort("fallbackServicePort", fallbackServicePort);
        if (maxModulesPerDevice < 1 || maxModulesPerDevice > 1000) {
            throw new IllegalArgumentException("maxModulesPerDevice must be within 1..1000, got " + maxModulesPerDevice);
        }
    }

    /**
     * The usual configuration: MQTT on 8883, REST and WebSockets on 443 (8443 when 443 cannot be bound), 50 modules
     * per device.
     */
    public static HubConfig defaults(String bindAddress, Path dataDir) {
        return new HubConfig(bindAddress, DEFAULT_MQTT_PORT, DEFAULT_SERVICE_PORT, dataDir, DEFAULT_MAX_MODULES, 0,
            FALLBACK_SERVICE_PORT);
    }

    /**
     * @param port a further HTTPS port with the same routing as the service port (REST, and MQTT over WebSockets on
     *             {@code /$iothub/websocket}), or 0 for none; the port of the service port itself changes nothing
     * @return this configuration with that port
     */
    public HubConfig withWebSocketPort(int port) {
        return new HubConfig(bindAddress, mqttPort, servicePort, dataDir, maxModulesPerDevice, port, fallbackServicePort);
    }

    /** @return this configuration with the HTTPS port fixed to {@code port} (no fallback) */
    public HubConfig withServicePort(int port) {
        return new HubConfig(bindAddress, mqttPort, port, dataDir, maxModulesPerDevice, webSocketPort, 0);
    }

    /** @return this configuration with another limit of modules per device */
    public HubConfig withMaxModulesPerDevice(int max) {
        return new HubConfig(bindAddress, mqttPort, servicePort, dataDir, max, webSocketPort, fallbackServicePort);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be within 0..65535, got " + port);
        }
    }
}
