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
 * SDK accepts, ids IoT Hub accepts, a known transport, a keep-alive in MQTT's range.
 */
public final class AgentConfigRules {

    /** The transports the agent passes to the SDK. */
    public static final List<String> TRANSPORTS = List.of("MQTT", "MQTT_WS", "AMQPS", "AMQPS_WS");

    /** MQTT's keep-alive is a 16-bit number of seconds. */
    private static final int MAX_KEEPALIVE = 65_535;
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
                .or(() -> keepAliveProblem(values.get("keepalive.seconds")));
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

    private static Optional<String> keepAliveProblem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            int seconds = Integer.parseInt(text);
            if (seconds > 0 && seconds <= MAX_KEEPALIVE) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return Optional.of("'keepalive.seconds' is '" + text + "', expected a whole number from 1 to " + MAX_KEEPALIVE);
    }
}
