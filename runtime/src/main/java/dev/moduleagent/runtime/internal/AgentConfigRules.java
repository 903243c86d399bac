package dev.moduleagent.runtime.internal;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.IdentityName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The value rules of {@code conf/agent.cfg}, checked before the agent starts so that a typo is one line at start (and
 * in {@code module-agent check}) instead of an error logged later by a running agent: no unknown key, host names the
 * SDK accepts, ids IoT Hub accepts, a known transport, a keep-alive in MQTT's range, a port.
 */
public final class AgentConfigRules {

    /** The transports the agent passes to the SDK. */
    public static final List<String> TRANSPORTS = List.of("MQTT", "MQTT_WS", "AMQPS", "AMQPS_WS");

    /** MQTT's keep-alive (seconds) and a TCP port are 16-bit numbers. */
    private static final int MAX_16_BITS = 65_535;
    /** A DNS name or an IPv4 address; the SDK also wants a dot in it. */
    private static final Pattern HOST = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,62})"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))+");

    private AgentConfigRules() {
    }

    /**
     * @param values the configuration, blank values dropped
     * @return the first broken rule as {@code '<key>' …what to fix}, or empty when every key is fine
     */
    public static Optional<String> firstProblem(Map<String, String> values) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(AgentConfigFile.KNOWN);
        if (!unknown.isEmpty()) {
            return Optional.of("unknown key '" + unknown.iterator().next() + "' (known keys: "
                    + String.join(", ", new TreeSet<>(AgentConfigFile.KNOWN)) + ")");
        }
        return hostProblem("hub.host", values.get("hub.host"))
                .or(() -> hostProblem("gateway.host", values.get("gateway.host")))
                .or(() -> idProblem(values.get("device.id"), values.get("module.id")))
                .or(() -> transportProblem(values.get("transport")))
                .or(() -> rangeProblem("keepalive.seconds", values.get("keepalive.seconds"), 1))
                .or(() -> rangeProblem("health.port", values.get("health.port"), 0));
    }

    private static Optional<String> hostProblem(String key, String host) {
        if (host == null || HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + key + "' is not a host name with a dot or an IPv4 address: '" + host + "'");
    }

    private static Optional<String> idProblem(String deviceId, String moduleId) {
        if (deviceId == null || moduleId == null) {
            return Optional.empty();
        }
        try {
            IdentityName.of(deviceId, moduleId);
            return Optional.empty();
        } catch (CertificateToolException e) {
            return Optional.of("'device.id'/'module.id': " + e.getMessage());
        }
    }

    private static Optional<String> transportProblem(String transport) {
        if (transport == null || TRANSPORTS.contains(transport)) {
            return Optional.empty();
        }
        return Optional.of("'transport' is '" + transport + "', expected one of " + String.join(", ", TRANSPORTS));
    }

    private static Optional<String> rangeProblem(String key, String text, int min) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= MAX_16_BITS) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return Optional.of("'" + key + "' is '" + text + "', expected a whole number from " + min + " to "
                + MAX_16_BITS);
    }
}
