package dev.moduleagent.firmware.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The desired firmware, by reference: {@code {"version", "url", "sha256", "size"}}. Parsing validates every field
 * and names the offending value, so that a rejection tells the operator what to fix.
 *
 * @param version the firmware version
 * @param url where the image is (http, https or file)
 * @param sha256 the image's SHA-256, lower-case hex
 * @param size the image's size in bytes
 */
public record FirmwareRequest(String version, URI url, String sha256, long size) {

    private static final List<String> KEYS = List.of("version", "url", "sha256", "size");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int MAX_URL_LENGTH = 2048;

    /**
     * @param properties the desired section's properties
     * @param maxSize the largest image accepted, in bytes
     * @return the request
     * @throws IllegalArgumentException naming the first wrong value
     */
    public static FirmwareRequest parse(Map<String, Object> properties, long maxSize) {
        for (String key : properties.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown property '" + key + "'; firmware takes " + KEYS);
            }
        }
        String version = text(properties, "version");
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("version '" + version + "' is not 1-64 letters, digits, '.', '_',"
                    + " '+' or '-'");
        }
        String sha256 = text(properties, "sha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 '" + sha256 + "' is not 64 hexadecimal digits");
        }
        return new FirmwareRequest(version, url(text(properties, "url")), sha256.toLowerCase(Locale.ROOT),
                size(properties.get("size"), maxSize));
    }

    /**
     * @param installedVersion the version installed now, or {@code null}
     * @param installedSha256 its SHA-256, or {@code null}
     * @return whether this request asks for exactly what is installed
     */
    public boolean isInstalled(String installedVersion, String installedSha256) {
        return version.equals(installedVersion) && sha256.equals(installedSha256);
    }

    /**
     * @param url a URL
     * @return the URL without user information and query, which may carry credentials (a SAS token), for reasons
     *     and logs
     */
    public static String display(URI url) {
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        String host = url.getHost() == null ? "" : "//" + url.getHost() + port;
        return url.getScheme() + ":" + host + (url.getPath() == null ? "" : url.getPath());
    }

    /** @return the image URL for reasons and logs, without credentials */
    public String displayUrl() {
        return display(url);
    }

    private static String text(Map<String, Object> properties, String key) {
        Object value = properties.get(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(key + " is missing or not a text: " + value);
        }
        return text.trim();
    }

    private static URI url(String text) {
        if (text.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException("url is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url '" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean web = scheme.equals("http") || scheme.equals("https");
        if (web && uri.getHost() == null || !web && !scheme.equals("file") || scheme.equals("file")
                && uri.getPath() == null) {
            throw new IllegalArgumentException("url '" + text + "' is not an http, https or file URL");
        }
        return uri;
    }

    private static long size(Object value, long maxSize) {
        long size;
        if (value instanceof Long || value instanceof Integer) {
            size = ((Number) value).longValue();
        } else if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            size = (long) number.doubleValue();
        } else {
            throw new IllegalArgumentException("size " + value + " is not a whole number of bytes");
        }
        if (size <= 0 || size > maxSize) {
            throw new IllegalArgumentException("size " + size + " is not between 1 and " + maxSize + " bytes");
        }
        return size;
    }
}
