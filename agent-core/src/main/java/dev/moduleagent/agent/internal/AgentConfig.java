package dev.moduleagent.agent.internal;

import dev.moduleagent.agent.internal.deployment.DeploymentSettings;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The agent's configuration (Configuration Admin PID {@value #PID}), described for metatype. Method names map to
 * keys by the OSGi rule: {@code hub_host} is {@code hub.host}.
 */
@ObjectClassDefinition(id = AgentConfig.PID, name = "Module agent",
        description = "Connects to Azure IoT Hub as one X.509 module identity and dispatches twin components to plug-ins.")
public @interface AgentConfig {

    /** The configuration PID. */
    String PID = "dev.moduleagent.agent";

    /** @return IoT Hub host name, e.g. myhub.azure-devices.net or a local hub's 127.0.0.2 */
    @AttributeDefinition(name = "Hub host", description = "IoT Hub host name (HostName)")
    String hub_host();

    /** @return edge gateway host name, empty for none */
    @AttributeDefinition(name = "Gateway host", description = "GatewayHostName of an edge gateway", required = false)
    String gateway_host() default "";

    /** @return device id */
    @AttributeDefinition(name = "Device id", description = "Must equal the device part of the certificate's CN")
    String device_id();

    /** @return module id */
    @AttributeDefinition(name = "Module id", description = "Must equal the module part of the certificate's CN")
    String module_id();

    /** @return PEM private key file */
    @AttributeDefinition(name = "Key file", description = "PEM private key (PKCS#8, optionally encrypted)")
    String key_file();

    /** @return file holding the key's passphrase, empty for none */
    @AttributeDefinition(name = "Key passphrase file", description = "File holding the key's passphrase", required = false)
    String key_passphrase_file() default "";

    /** @return PEM certificate chain, leaf first */
    @AttributeDefinition(name = "Certificate file", description = "PEM certificate chain, leaf first")
    String cert_file();

    /** @return PEM CA certificates to trust for the hub, empty for the JDK's roots */
    @AttributeDefinition(name = "Trust file", description = "PEM CA certificates to trust for the hub (default: the JDK's roots)",
            required = false)
    String trust_file() default "";

    /** @return the transport */
    @AttributeDefinition(name = "Transport", required = false, options = {
        @Option(label = "MQTT", value = "MQTT"), @Option(label = "MQTT over WebSocket", value = "MQTT_WS"),
        @Option(label = "AMQPS", value = "AMQPS"), @Option(label = "AMQPS over WebSocket", value = "AMQPS_WS")})
    String transport() default "MQTT";

    /** @return folder for the agent's persistent state */
    @AttributeDefinition(name = "Data folder", description = "Applied versions and the reported outbox")
    String data_dir();

    /** @return MQTT keep-alive in seconds */
    @AttributeDefinition(name = "Keep-alive (s)", required = false, min = "1", max = "65535",
            description = "MQTT keep-alive; a dead link is noticed within about two keep-alives")
    int keepalive_seconds() default AgentSettings.DEFAULT_KEEPALIVE;

    /** @return the port of {@code /health} and {@code /metrics}, 0 for none */
    @AttributeDefinition(name = "Health port", description = "Serves /health and /metrics (Prometheus) here; 0 = off",
            required = false, min = "0", max = "65535")
    int health_port() default 0;

    /** @return the address {@code /health} and {@code /metrics} bind to */
    @AttributeDefinition(name = "Health address", description = "Bind address of /health and /metrics", required = false)
    String health_address() default "127.0.0.1";

    /** @return PEM certificates of trusted plug-in signers, empty for conf/plugin-trust.pem of the distribution */
    @AttributeDefinition(name = "Plug-in signers", required = false,
            description = "PEM certificates of trusted plug-in signers or their CAs (default: conf/plugin-trust.pem)")
    String plugins_trust_file() default "";

    /** @return whether unsigned plug-in jars may be deployed through the twin */
    @AttributeDefinition(name = "Allow unsigned plug-ins", required = false,
            description = "true lets unsigned plug-in jars through (not for production)")
    boolean plugins_allowUnsigned() default false;

    /** @return seconds a newly deployed plug-in must stay healthy before it is acknowledged */
    @AttributeDefinition(name = "Plug-in health window (s)", required = false, min = "1", max = "3600")
    long plugins_healthWindow() default DeploymentSettings.DEFAULT_HEALTH_WINDOW;

    /** @return the largest plug-in jar downloaded, in bytes */
    @AttributeDefinition(name = "Largest plug-in (bytes)", required = false, min = "1024", max = "4294967296")
    long plugins_maxBytes() default DeploymentSettings.DEFAULT_MAX_BYTES;

    /** @return the HTTP proxy plug-in downloads go through ({@code http://host:port}), empty for direct downloads */
    @AttributeDefinition(name = "Plug-in download proxy", required = false,
            description = "http://host:port; https goes through CONNECT; empty: the JVM's proxy settings")
    String plugins_proxy() default "";

    /** @return hosts plug-in downloads reach directly, bypassing {@link #plugins_proxy()} */
    @AttributeDefinition(name = "Hosts without proxy", required = false,
            description = "comma-separated host names, .domain or *.domain")
    String plugins_noProxy() default "";

    /** @return EST server for automatic renewal, empty for none */
    @AttributeDefinition(name = "EST URL for renewal", required = false,
            description = "https://host:port/.well-known/est[/label]; empty: no automatic renewal")
    String renew_est_url() default "";

    /** @return PEM trust anchors of the EST server, empty for trust.file */
    @AttributeDefinition(name = "EST trust file", required = false,
            description = "PEM CA certificates the EST server's TLS certificate must chain to (default: trust.file)")
    String renew_est_trust() default "";

    /** @return when to renew */
    @AttributeDefinition(name = "Renew before expiry", required = false,
            description = "Share of the lifetime (30%) and/or time (7d, 12h, PT12H) left; with both, the earlier point")
    String renew_before() default "30%";

    /** @return how often to check */
    @AttributeDefinition(name = "Renewal check interval", required = false, description = "e.g. 1h, 10m, 30s, PT1H")
    String renew_check() default "1h";
}
