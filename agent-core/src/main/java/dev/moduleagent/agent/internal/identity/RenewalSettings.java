package dev.moduleagent.agent.internal.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Automatic certificate renewal over EST, as configured ({@code renew.*}); {@link #enabled()} only when
 * {@code renew.est.url} is set.
 *
 * @param estUrl {@code renew.est.url}, or {@code null}: no automatic renewal
 * @param estTrust {@code renew.est.trust}: PEM trust anchors of the EST server (default: {@code trust.file}), or
 *     {@code null} when neither is set
 * @param before {@code renew.before}
 * @param check {@code renew.check}: how often the agent compares the time with the renewal point
 */
public record RenewalSettings(String estUrl, Path estTrust, RenewBefore before, Duration check) {

    /** Renewal off. */
    public static final RenewalSettings OFF = new RenewalSettings(null, null, RenewBefore.DEFAULT, Duration.ofHours(1));

    /** @return whether the agent renews by itself */
    public boolean enabled() {
        return estUrl != null;
    }

    /**
     * @param properties the agent's configuration
     * @param hubTrust {@code trust.file}, the default for {@code renew.est.trust}, or {@code null}
     * @return the checked settings
     * @throws IllegalArgumentException with one line naming the key and what to fix
     */
    public static RenewalSettings parse(Map<String, ?> properties, Path hubTrust) {
        String url = text(properties, "renew.est.url");
        String trust = text(properties, "renew.est.trust");
        String before = text(properties, "renew.before");
        String check = text(properties, "renew.check");
        if (url != null) {
            checkUrl(url);
        }
        Path trustFile = trust == null ? hubTrust : path(trust);
        if (url != null && trustFile == null) {
            throw new IllegalArgumentException("renew.est.url is set but neither renew.est.trust nor trust.file names "
                    + "the EST server's trust anchors");
        }
        Duration interval = OFF.check();
        if (check != null) {
            try {
                interval = RenewBefore.parsePositive(check);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("renew.check '" + check + "' is not a positive duration "
                        + "(e.g. 1h, 10m, 30s, PT1H)");
            }
        }
        return new RenewalSettings(url, trustFile, before == null ? RenewBefore.DEFAULT : RenewBefore.parse(before),
                interval);
    }

    private static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                    && uri.getPath() != null && uri.getPath().startsWith("/.well-known/est")) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("renew.est.url '" + url + "' is not an EST URL "
                + "(https://host[:port]/.well-known/est[/label])");
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("renew.est.trust '" + text + "' is not a valid path");
        }
    }

    private static String text(Map<String, ?> properties, String key) {
        Object value = properties.get(key);
        String text = value == null ? null : String.valueOf(value).trim();
        return text == null || text.isEmpty() ? null : text;
    }
}
