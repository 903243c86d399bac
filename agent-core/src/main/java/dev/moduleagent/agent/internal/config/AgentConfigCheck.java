package dev.moduleagent.agent.internal.config;

import dev.moduleagent.agent.internal.AgentConfig;
import dev.moduleagent.agent.internal.identity.RenewalSettings;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.IdentityName;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The one check of the agent's configuration, used by the agent (at activation and on every change) and by the
 * launcher and {@code module-agent check} (which load this class from the agent's jar): the keys and their kinds come
 * from the metatype declaration ({@link ConfigDeclaration}); what metatype cannot say (a host name the SDK accepts,
 * ids IoT Hub accepts, the {@code renew.*} formats) is checked here. Problems are one line naming the key.
 */
public final class AgentConfigCheck {

    /** Keys whose values are file or folder paths, resolved against the distribution folder. */
    public static final Set<String> PATH_KEYS = Set.of("key.file", "key.passphrase.file", "cert.file", "trust.file",
            "data.dir", "plugins.trust.file", "renew.est.trust");

    /** A DNS name or an IPv4 address; the SDK also wants a dot in it. */
    private static final Pattern HOST = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,62})"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))+");
    /**
     * Prefixes of keys Configuration Admin, Declarative Services and FileInstall add ({@code service.pid},
     * {@code component.name}, {@code osgi.ds.satisfying.condition.target}, {@code felix.fileinstall.filename}).
     */
    private static final List<String> BOOKKEEPING = List.of("service.", "component.", "osgi.", "felix.");
    private static final ConfigDeclaration DECLARATION = ConfigDeclaration.of(AgentConfig.PID);

    private AgentConfigCheck() {
    }

    /**
     * @param raw the configuration as Configuration Admin, FileInstall or the launcher hold it, or the component
     *     properties DS hands over (strings or numbers; their bookkeeping keys are left out)
     * @param home the folder relative paths are resolved against, or {@code null} to keep them as they are
     * @return the declared keys with values, trimmed, blank ones dropped, paths resolved, sorted by key
     * @throws IllegalArgumentException with one line ({@code '<key>' …what to fix}) at the first problem
     */
    public static Map<String, String> check(Map<String, ?> raw, Path home) {
        Map<String, String> values = new TreeMap<>();
        raw.forEach((key, value) -> {
            String text = value == null ? "" : String.valueOf(value).trim();
            if (!text.isEmpty() && !bookkeeping(key)) {
                values.put(key, PATH_KEYS.contains(key) ? resolve(key, text, home) : text);
            }
        });
        Optional<String> problem = firstProblem(values);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return values;
    }

    /**
     * For the launcher, which calls this through reflection from another class loader (JDK types only).
     *
     * @param raw the configuration file's properties
     * @param home the distribution folder
     * @return as {@link #check(Map, Path)}
     */
    public static Map<String, String> check(Map<String, String> raw, String home) {
        return check(raw, home == null ? null : Path.of(home));
    }

    private static boolean bookkeeping(String key) {
        return BOOKKEEPING.stream().anyMatch(key::startsWith);
    }

    private static Optional<String> firstProblem(Map<String, String> values) {
        Map<String, ConfigDeclaration.Key> declared = DECLARATION.keys();
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(declared.keySet());
        if (!unknown.isEmpty()) {
            return Optional.of("unknown key '" + unknown.iterator().next() + "' (known keys: "
                    + String.join(", ", new TreeSet<>(declared.keySet())) + ")");
        }
        for (ConfigDeclaration.Key key : declared.values()) {
            Optional<String> problem = KeyRules.problem(key, values.get(key.name()));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return hostProblem("hub.host", values.get("hub.host"))
                .or(() -> hostProblem("gateway.host", values.get("gateway.host")))
                .or(() -> idProblem(values.get("device.id"), values.get("module.id")))
                .or(() -> renewalProblem(values));
    }

    private static Optional<String> hostProblem(String key, String host) {
        if (host == null || HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + key + "' is not a host name with a dot or an IPv4 address: '" + host + "'");
    }

    private static Optional<String> idProblem(String deviceId, String moduleId) {
        try {
            IdentityName.of(deviceId, moduleId);
            return Optional.empty();
        } catch (CertificateToolException e) {
            return Optional.of("'device.id'/'module.id': " + e.getMessage());
        }
    }

    private static Optional<String> renewalProblem(Map<String, String> values) {
        String trust = values.get("trust.file");
        try {
            RenewalSettings.parse(values, trust == null ? null : Path.of(trust));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String resolve(String key, String value, Path home) {
        try {
            return home == null ? Path.of(value).toString() : home.toAbsolutePath().resolve(value).normalize()
                    .toString();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + key + "' is not a valid path: " + value, e);
        }
    }
}
