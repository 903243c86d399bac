package dev.moduleagent.agent.internal.config;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a change of the agent's configuration needs, by the keys that changed: plug-in deployment, health server and
 * renewal settings apply live; the hub connection's settings and the identity files restart the hub session; the
 * module's names and its data folder restart the agent inside the framework (never the process).
 *
 * @param changed the keys whose value changed, was added or removed
 * @param scope what applying them takes
 */
public record ConfigChange(Set<String> changed, Scope scope) {

    /** What applying a change takes, from least to most. */
    public enum Scope {
        /** Nothing changed. */
        NONE,
        /** Applied to the running agent: {@code plugins.*}, {@code health.*}, {@code renew.*}. */
        LIVE,
        /** The hub session reconnects: host, gateway, transport, keep-alive, key, certificate and trust files. */
        SESSION,
        /** The agent restarts inside the framework: {@code device.id}, {@code module.id}, {@code data.dir}. */
        AGENT
    }

    private static final Set<String> SESSION_KEYS = Set.of("hub.host", "gateway.host", "transport",
            "keepalive.seconds", "key.file", "key.passphrase.file", "cert.file", "trust.file");
    private static final Set<String> AGENT_KEYS = Set.of("device.id", "module.id", "data.dir");

    /**
     * @param before the checked configuration in use
     * @param after the checked new one
     * @return the changed keys and the scope they need
     */
    public static ConfigChange between(Map<String, String> before, Map<String, String> after) {
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        keys.removeIf(key -> Objects.equals(before.get(key), after.get(key)));
        Scope scope = Scope.NONE;
        for (String key : keys) {
            Scope needed = AGENT_KEYS.contains(key) ? Scope.AGENT
                    : SESSION_KEYS.contains(key) ? Scope.SESSION : Scope.LIVE;
            scope = needed.compareTo(scope) > 0 ? needed : scope;
        }
        return new ConfigChange(Set.copyOf(keys), scope);
    }

    /**
     * @param prefix a key prefix such as {@code plugins.}
     * @return whether a key with it changed
     */
    public boolean touches(String prefix) {
        return changed.stream().anyMatch(key -> key.startsWith(prefix));
    }
}
