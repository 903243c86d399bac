package dev.moduleagent.agent.internal.hub;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Everything needed to open a module client.
 *
 * @param hubHost the IoT Hub host name ({@code HostName})
 * @param gatewayHost the edge gateway ({@code GatewayHostName}), or {@code null}
 * @param deviceId the device id
 * @param moduleId the module id
 * @param transport the transport
 * @param keepAliveSeconds the MQTT keep-alive
 * @param sslContext key, chain and trust for TLS
 */
public record HubSettings(String hubHost, String gatewayHost, String deviceId, String moduleId, Transport transport,
                          int keepAliveSeconds, SSLContext sslContext) {

    /** Checks the required parts. */
    public HubSettings {
        Objects.requireNonNull(hubHost, "hubHost");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(moduleId, "moduleId");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(sslContext, "sslContext");
    }

    /** @return the X.509 connection string (it holds no secret) */
    public String connectionString() {
        StringBuilder text = new StringBuilder("HostName=").append(hubHost).append(";DeviceId=").append(deviceId)
                .append(";ModuleId=").append(moduleId).append(";x509=true");
        if (gatewayHost != null && !gatewayHost.isBlank()) {
            text.append(";GatewayHostName=").append(gatewayHost);
        }
        return text.toString();
    }
}
