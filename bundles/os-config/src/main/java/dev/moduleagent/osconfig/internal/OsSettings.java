package dev.moduleagent.osconfig.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The OS settings a desired {@code osconfig} section may carry, each optional (absent = leave as is): {@code timezone}
 * (an IANA zone such as {@code Europe/Berlin}), {@code ntpServers} (host names or IP addresses, a list or one text
 * separated by spaces or commas), {@code hostname} (RFC 1123) and {@code logLevel} (a journald level).
 *
 * @param timezone the zone, or {@code null}
 * @param ntpServers the NTP servers, or {@code null}
 * @param hostname the host name, or {@code null}
 * @param logLevel the log level, or {@code null}
 */
public record OsSettings(String timezone, List<String> ntpServers, String hostname, String logLevel) {

    /** The journald levels, most severe first. */
    public static final List<String> LOG_LEVELS =
            List.of("emerg", "alert", "crit", "err", "warning", "notice", "info", "debug");
    private static final Set<String> KEYS = Set.of("timezone", "ntpServers", "hostname", "logLevel");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final int MAX_NTP_SERVERS = 8;

    /**
     * @param properties the desired section's properties
     * @return the settings
     * @throws IllegalArgumentException naming the first wrong value
     */
    public static OsSettings parse(Map<String, Object> properties) {
        for (String key : properties.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown property '" + key
                        + "'; osconfig takes timezone, ntpServers, hostname and logLevel");
            }
        }
        String timezone = text(properties, "timezone");
        if (timezone != null && !ZoneId.getAvailableZoneIds().contains(timezone)) {
            throw new IllegalArgumentException("timezone '" + timezone + "' is not a known zone");
        }
        String hostname = text(properties, "hostname");
        if (hostname != null && !isHostName(hostname)) {
            throw new IllegalArgumentException("hostname '" + hostname + "' is not an RFC 1123 host name");
        }
        String logLevel = text(properties, "logLevel");
        if (logLevel != null && !LOG_LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("logLevel '" + logLevel + "' is not one of " + LOG_LEVELS);
        }
        return new OsSettings(timezone, servers(properties.get("ntpServers")), hostname, logLevel);
    }

    /** @return whether no setting is given */
    public boolean isEmpty() {
        return timezone == null && ntpServers == null && hostname == null && logLevel == null;
    }

    static boolean isHostName(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> servers(Object value) {
        if (value == null) {
            return null;
        }
        List<String> servers = new ArrayList<>();
        if (value instanceof String text) {
            for (String part : text.split("[\\s,]+")) {
                if (!part.isEmpty()) {
                    servers.add(part);
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof String text)) {
                    throw new IllegalArgumentException("ntpServers entry " + item + " is not a text");
                }
                servers.add(text.trim());
            }
        } else {
            throw new IllegalArgumentException("ntpServers " + value + " is neither a list nor a text");
        }
        if (servers.isEmpty() || servers.size() > MAX_NTP_SERVERS) {
            throw new IllegalArgumentException("ntpServers needs 1 to " + MAX_NTP_SERVERS + " servers, not "
                    + servers.size());
        }
        for (String server : servers) {
            if (!isHostName(server) && !IPV4.matcher(server).matches() && !isIpv6(server)) {
                throw new IllegalArgumentException("NTP server '" + server + "' is not a host name or IP address");
            }
        }
        return List.copyOf(servers);
    }

    private static boolean isIpv6(String text) {
        if (!IPV6_CHARS.matcher(text).matches() || text.indexOf(':') < 0) {
            return false;
        }
        try {
            return InetAddress.getByName(text).getAddress().length == 16;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String text(Map<String, Object> properties, String key) {
        Object value = properties.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(key + " " + value + " is not a text");
        }
        return text.trim();
    }
}
