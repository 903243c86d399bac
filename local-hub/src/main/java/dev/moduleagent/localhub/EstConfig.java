package dev.moduleagent.localhub;

import java.time.Duration;
import java.util.Objects;

/**
 * The hub's EST server (RFC 7030, {@code https://<bind>:<port>/.well-known/est/…}): it issues module certificates
 * from a CA the hub trusts for X.509 CA authentication. Who may enroll is kept in the data folder
 * ({@code local-hub est credentials}, {@code local-hub est bootstrap-ca}).
 *
 * @param port     the HTTPS port (0 = any free port, see {@link LocalHub#estPort()})
 * @param validity how long issued certificates are valid (at least one minute; short values suit renewal tests)
 */
public record EstConfig(int port, Duration validity) {

    /** Validity of issued certificates unless set otherwise. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);

    public EstConfig {
        Objects.requireNonNull(validity, "validity");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("EST port must be within 0..65535, got " + port);
        }
        if (validity.compareTo(Duration.ofMinutes(1)) < 0 || validity.compareTo(Duration.ofDays(3650)) > 0) {
            throw new IllegalArgumentException("EST certificate validity must be within 1 minute..3650 days, got " + validity);
        }
    }

    /** @return an EST server on that port issuing certificates valid for {@link #DEFAULT_VALIDITY} */
    public static EstConfig onPort(int port) {
        return new EstConfig(port, DEFAULT_VALIDITY);
    }

    /** @return this configuration with another validity of issued certificates */
    public EstConfig withValidity(Duration value) {
        return new EstConfig(port, value);
    }
}
