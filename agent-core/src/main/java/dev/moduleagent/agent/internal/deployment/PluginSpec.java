package dev.moduleagent.agent.internal.deployment;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.framework.Version;

/**
 * One entry of the {@code agent} component's desired {@code plugins} map:
 * {@code "<name>": {"version": "1.3.0", "url": "https://…/x.jar", "sha256": "<64 hex>", "allowDowngrade": false}}.
 *
 * @param name the map key: the bundle's symbolic name or its last dot-separated segment (twin keys have no dots)
 * @param version the bundle version the jar must carry
 * @param url where the jar is ({@code https}, {@code http} or {@code file})
 * @param sha256 its SHA-256, lower-case hex
 * @param allowDowngrade whether a lower version than the one installed may replace it
 */
public record PluginSpec(String name, Version version, URI url, String sha256, boolean allowDowngrade) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final List<String> FIELDS = List.of("version", "url", "sha256", "allowDowngrade");

    /** @return the desired value as reported in this plug-in's ack */
    public Map<String, Object> value() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("version", version.toString());
        value.put("url", url.toString());
        value.put("sha256", sha256);
        return value;
    }

    /**
     * Reads the {@code plugins} map. An entry that cannot be read is returned as a failure, not thrown, so that the
     * others still deploy.
     *
     * @param plugins the desired map
     * @param entries receives every readable entry, by name
     * @return the unreadable entries (and those naming the same jar twice): name → 400 reason
     */
    public static Map<String, String> parse(Map<?, ?> plugins, Map<String, PluginSpec> entries) {
        Map<String, String> refused = new LinkedHashMap<>();
        Map<String, String> nameOfHash = new HashMap<>();
        plugins.forEach((key, value) -> {
            String name = String.valueOf(key);
            if (value == null) {
                return; // deleted by a patch: the plug-in is removed
            }
            try {
                PluginSpec spec = of(name, value);
                String other = nameOfHash.putIfAbsent(spec.sha256(), name);
                if (other != null) {
                    String reason = "'" + name + "' and '" + other + "' name the same jar (sha256 " + spec.sha256() + ")";
                    refused.put(name, reason);
                    refused.put(other, reason);
                    entries.remove(other);
                } else {
                    entries.put(name, spec);
                }
            } catch (IllegalArgumentException e) {
                refused.put(name, e.getMessage());
            }
        });
        return refused;
    }

    static PluginSpec of(String name, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("plug-in '" + name + "' is an object {version, url, sha256}");
        }
        for (Object field : map.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("plug-in '" + name + "': unknown field '" + field + "'; known: "
                        + FIELDS);
            }
        }
        Version version;
        try {
            version = Version.parseVersion(text(map, "version", name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("plug-in '" + name + "': version is an OSGi version like 1.3.0");
        }
        URI url = url(text(map, "url", name), name);
        String sha256 = text(map, "sha256", name).toLowerCase(Locale.ROOT);
        if (!HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("plug-in '" + name + "': sha256 is 64 hex digits");
        }
        Object downgrade = map.get("allowDowngrade");
        if (downgrade != null && !(downgrade instanceof Boolean)) {
            throw new IllegalArgumentException("plug-in '" + name + "': allowDowngrade is true or false");
        }
        return new PluginSpec(name, version, url, sha256, Boolean.TRUE.equals(downgrade));
    }

    private static URI url(String text, String name) {
        try {
            URI url = URI.create(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (List.of("https", "http", "file").contains(scheme) && url.getPath() != null) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw new IllegalArgumentException("plug-in '" + name + "': url is an https, http or file URL");
    }

    private static String text(Map<?, ?> map, String field, String name) {
        Object value = map.get(field);
        if (!(value instanceof String text) || text.isBlank() || text.length() > 2048) {
            throw new IllegalArgumentException("plug-in '" + name + "': " + field + " is missing or not a text");
        }
        return text;
    }
}
