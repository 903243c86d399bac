package dev.moduleagent.localhub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how a {@link LocalHub} runs.
 *
 * @param bindAddress         the IP address the listeners bind to; it is also the HostName clients use, so it must
 *                            contain a '.' (the SDK refuses {@code localhost}), e.g. {@code 127.0.0.2}
 * @param mqttPort            the MQTT/TLS port; the device SDK only ever connects to 8883
 * @param servicePort         the HTTPS port serving, as IoT Hub's 443 does, the service REST API and MQTT and AMQP over
 *                            WebSockets ({@code wss://host/$iothub/websocket}, chosen by the subprotocol); Microsoft's
 *                            SDKs only ever use 443
 * @param dataDir             folder for the database, the hub's CA and server certificate, and the owner connection string
 * @param maxModulesPerDevice how many module identities one device may hold (IoT Hub's quota: 50)
 * @param webSocketPort       a second HTTPS port with the same routing (REST and WebSockets), or 0 for none
 * @param fallbackServicePort the HTTPS port used when {@code servicePort} cannot be bound (e.g. 443 without
 *                            privileges), or 0 to fail instead
 * @param serviceTimeouts     the HTTPS port's header and idle timeouts (REST requests)
 * @param amqpPort            the AMQP 1.0 over TLS port (the SDK's {@code AMQPS} only ever connects to 5671), or 0
 *                            for none
 * @param durability          whether a change is answered once committed (default) or once also forced to the device
 */
public record HubConfig(String bindAddress, int mqttPort, int servicePort, Path dataDir, int maxModulesPerDevice,
                        int webSocketPort, int fallbackServicePort, ServiceTimeouts serviceTimeouts, int amqpPort,
                        Durability durability) {

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
    /** IoT Hub's HTTPS port (REST and WebSockets), which the SDKs always use. */
    public static final int DEFAULT_SERVICE_PORT = 443;
    /** Where the HTTPS listener goes when 443 cannot be bound. */
    public static final int FALLBACK_SERVICE_PORT = 8443;
    /** The SDK's fixed port for MQTT and AMQP over WebSockets ({@code MQTT_WS}, {@code AMQPS_WS}). */
    public static final int DEFAULT_WEBSOCKET_PORT = 443;
    /** The SDK's fixed AMQPS port. */
    public static final int DEFAULT_AMQP_PORT = 5671;
    /** IoT Hub's quota of module identities per device. */
    public static final int DEFAULT_MAX_MODULES = 50;

    /** A configuration with the default service timeouts, no fallback port, AMQPS on 5671. */
    public HubConfig(String bindAddress, int mqttPort, int servicePort, Path dataDir, int maxModulesPerDevice, int webSocketPort) {
        this(bindAddress, mqttPort, servicePort, dataDir, maxModulesPerDevice, webSocketPort, 0, ServiceTimeouts.DEFAULTS);
    }

    /** A configuration with these service timeouts, no fallback port, AMQPS on 5671. */
    public HubConfig(String bindAddress, int mqttPort, int servicePort, Path dataDir, int maxModulesPerDevice, int webSocketPort,
                     ServiceTimeouts serviceTimeouts) {
        this(bindAddress, mqttPort, servicePort, dataDir, maxModulesPerDevice, webSocketPort, 0, serviceTimeouts);
    }

    /** A configuration with the default service timeouts, AMQPS on 5671. */
    public HubConfig(String bindAddress, int mqttPort, int servicePort, Path dataDir, int maxModulesPerDevice, int webSocketPort,
                     int fallbackServicePort) {
        this(bindAddress, mqttPort, servicePort, dataDir, maxModulesPerDevice, webSocketPort, fallbackServicePort,
            ServiceTimeouts.DEFAULTS);
    }

    /** A configuration with AMQPS on its usual port 5671. */
    public HubConfig(String bindAddress, int mqttPort, int servicePort, Path dataDir, int maxModulesPerDevice, int webSocketPort,
                     int fallbackServicePort, ServiceTimeouts serviceTimeouts) {
        this(bindAddress, mqttPort, servicePort, dataDir, maxModulesPerDevice, webSocketPort, fallbackServicePort,
            serviceTimeouts, DEFAULT_AMQP_PORT, Durability.COMMIT);
    }

    public HubConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(serviceTimeouts, "serviceTimeouts");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(durability, "durability");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must not be blank");
        }
        checkPort("mqttPort", mqttPort);
        checkPort("servicePort", servicePort);
        checkPort("webSocketPort", webSocketPort);
        checkPort("fallbackServicePort", fallbackServicePort);
        checkPort("amqpPort", amqpPort);
        if (maxModulesPerDevice < 1 || maxModulesPerDevice > 1000) {
            throw new IllegalArgumentException("maxModulesPerDevice must be within 1..1000, got " + maxModulesPerDevice);
        }
    }

    /**
     * The usual configuration: MQTT on 8883, AMQPS on 5671, REST and WebSockets on 443 (8443 when 443 cannot be
     * bound), 50 modules per device.
     */
    public static HubConfig defaults(String bindAddress, Path dataDir) {
        return new HubConfig(bindAddress, DEFAULT_MQTT_PORT, DEFAULT_SERVICE_PORT, dataDir, DEFAULT_MAX_MODULES, 0,
            FALLBACK_SERVICE_PORT, ServiceTimeouts.DEFAULTS, DEFAULT_AMQP_PORT, Durability.COMMIT);
    }

    /**
     * @param port a further HTTPS port with the same routing as the service port (REST, and MQTT and AMQP over
     *             WebSockets on {@code /$iothub/websocket}), or 0 for none; the port of the service port itself
     *             changes nothing
     * @return this configuration with that port
     */
    public HubConfig withWebSocketPort(int port) {
        return new HubConfig(bindAddress, mqttPort, servicePort, dataDir, maxModulesPerDevice, port, fallbackServicePort,
            serviceTimeouts, amqpPort, durability);
    }

    /** @return this configuration with these service API timeouts */
    public HubConfig withServiceTimeouts(ServiceTimeouts timeouts) {
        return new HubConfig(bindAddress, mqttPort, servicePort, dataDir, maxModulesPerDevice, webSocketPort, fallbackServicePort,
            timeouts, amqpPort, durability);
    }

    /** @return this configuration with the HTTPS port fixed to {@code port} (no fallback) */
    public HubConfig withServicePort(int port) {
        return new HubConfig(bindAddress, mqttPort, port, dataDir, maxModulesPerDevice, webSocketPort, 0, serviceTimeouts,
            amqpPort, durability);
    }

    /** @return this configuration with another limit of modules per device */
    public HubConfig withMaxModulesPerDevice(int max) {
        return new HubConfig(bindAddress, mqttPort, servicePort, dataDir, max, webSocketPort, fallbackServicePort,
            serviceTimeouts, amqpPort, durability);
    }

    /**
     * @param port the AMQPS port (the SDK's {@code AMQPS} uses 5671), or 0 for none
     * @return this configuration with that AMQPS port
     */
    public HubConfig withAmqpPort(int port) {
        return new HubConfig(bindAddress, mqttPort, servicePort, dataDir, maxModulesPerDevice, webSocketPort, fallbackServicePort,
            serviceTimeouts, port, durability);
    }

    /**
     * @param mode {@link Durability#COMMIT} (answered once committed to the file) or {@link Durability#FSYNC} (once also
     *             forced to the device, one {@code fsync} per group of changes)
     * @return this configuration with that durability
     */
    public HubConfig withDurability(Durability mode) {
        return new HubConfig(bindAddress, mqttPort, servicePort, dataDir, maxModulesPerDevice, webSocketPort, fallbackServicePort,
            serviceTimeouts, amqpPort, mode);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be within 0..65535, got " + port);
        }
    }
}
