package dev.moduleagent.agent.internal.health;

import java.util.Map;

/**
 * Where the agent serves {@code /health} and {@code /metrics}: {@code health.port} (0, the default, serves nothing)
 * on {@code health.address} (default {@code 127.0.0.1}: only the gateway itself can read them).
 *
 * @param address the IP address or host name to bind
 * @param port the TCP port, or 0 for none
 */
public record HealthSettings(String address, int port) {

    /** Nothing served. */
    public static final HealthSettings OFF = new HealthSettings("127.0.0.1", 0);

    /**
     * @param properties the agent's configuration
     * @return the checked settings
     */
    public static HealthSettings parse(Map<String, ?> properties) {
        Object address = properties.get("health.address");
        Object port = properties.get("health.port");
        String host = address == null || String.valueOf(address).isBlank() ? OFF.address()
                : String.valueOf(address).trim();
        if (port == null || String.valueOf(port).isBlank()) {
            return new HealthSettings(host, 0);
        }
        // the range is checked against the metatype by AgentConfigCheck before it gets here
        return new HealthSettings(host, Integer.parseInt(String.valueOf(port).trim()));
    }

    /** @return whether anything is served */
    public boolean enabled() {
        return port > 0;
    }
}
