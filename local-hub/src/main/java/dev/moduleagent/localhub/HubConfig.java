package dev.moduleagent.localhub;

import java.nio.file.Path;
import java.time.Duration;
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
 *                            {@code MQTT_WS}; the SDK only ever connects to 443), or 0 for none
 * @param serviceTimeouts     the service API's header and idle timeouts
 */
public record HubConfig(String bindAddress, int mqttPort, int servicePort, Path dataDir, int maxModulesPerDevice,
                        int webSocketPort, ServiceTimeouts serviceTimeouts) {

    /**
     * The service API's connection timeouts: a request's line and headers must arrive within {@code header} of its
     * first byte (else 408 and close), and a connection with no request in progress is closed after {@code idle}.
     */
    public record ServiceTimeouts(Duration header, Duration idle) {

        /** 20 s for headers (as Apache's RequestReadTimeout's first step), 60 s idle. */
        public static final ServiceTimeouts DEFAULTS = new ServiceTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(60));

        public ServiceTimeouts {
            checkTimeout("header timeout", header);
            checkTimeout("idle timeout", idle);
        }

        private static void checkTimeout(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.toMillis() < 100 || value.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException(name + " must be within 100 ms..1 h, got " + value.toMillis() + " ms");
            }
        }
    }

    /** The SDK's fixed MQTT port. */
    public static final int DEFAULT_MQTT_PORT = 8883;
    /** The default port of the service API. */
    public static final int DEFAULT_SERVICE_PORT = 8443;
    /** The SDK's fixed port for MQTT over WebSockets ({@code MQTT_WS}). */
    public static final int DEFAULT_WEBSOCKET_PORT = 443;
    /** IoT Hub's limit of module identities per device. */
    public static final int DEFAULT_MAX_MODULES = 20;

    /** A configuration with the default service timeouts. */
    public HubConfig(String bindAddress, int mqttPort, int servicePort, Path dataDir, int maxModulesPerDevice, int webSocketPort) {
        this(bindAddress, mqttPort, servicePort, dataDir, maxModulesPerDevice, webSocketPort, ServiceTimeouts.DEFAULTS);
    }

    public HubConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(serviceTimeouts, "serviceTimeouts");
        Objects.requireNonNull(dataDir, "dataDir");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must not be blank");
        }
        checkPort("mqttPort", mqttPort);
        checkPort("servicePort", servicePort);
        checkPort("webSocketPort", webSocketPort);
        if (maxModulesPerDevice < 1 || maxModulesPerDevice > 1000) {
            throw new IllegalArgumentException("maxModulesPerDevice must be within 1..1000, got " + maxModulesPerDevice);
        }
    }

    /**
     * The usual configuration: ports 8883 and 8443, 20 modules per device, no WebSockets (port 443 needs privileges
     * on most machines).
     */
    public static HubConfig defaults(String bindAddress, Path dataDir) {
        return new HubConfig(bindAddress, DEFAULT_MQTT_PORT, DEFAULT_SERVICE_PORT, dataDir, DEFAULT_MAX_MODULES, 0);
    }

    /**
     * @param port the port for MQTT over WebSockets (the SDK's {@code MQTT_WS} uses 443), or 0 for none
     * @return this configuration with that WebSocket port
     */
    public HubConfig withWebSocketPort(int port) {
        return new HubConfig(bindAddress, mqttPort, servicePort, dataDir, maxModulesPerDevice, port, serviceTimeouts);
    }

    /** @return this configuration with these service API timeouts */
    public HubConfig withServiceTimeouts(ServiceTimeouts timeouts) {
        return new HubConfig(bindAddress, mqttPort, servicePort, dataDir, maxModulesPerDevice, webSocketPort, timeouts);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be within 0..65535, got " + port);
        }
    }
}
