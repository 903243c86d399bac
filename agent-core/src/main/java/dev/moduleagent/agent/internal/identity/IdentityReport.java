package dev.moduleagent.agent.internal.identity;

import dev.moduleagent.agent.internal.status.AgentReports;
import dev.moduleagent.certs.Thumbprints;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the certificate's expiry visible: {@code agent.identity} in the reported properties (certificate, renewal
 * point, renewal mode and state, last result) and a WARN line at most once a day when less than 7 days are left.
 */
public final class IdentityReport {

    /** Within this time of expiry the agent warns. */
    public static final Duration WARN_WITHIN = Duration.ofDays(7);
    private static final Duration WARN_EVERY = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(IdentityReport.class);

    private final AgentReports reports;
    private final Clock clock;
    private Instant lastWarning;

    /**
     * @param reports where {@code agent.identity} goes
     * @param clock the time source
     */
    public IdentityReport(AgentReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    /**
     * Reports the identity in use and the renewal's view of it.
     *
     * @param leaf the certificate in use
     * @param renewAt when it is renewed, or {@code null} when the agent does not renew it
     * @param mode {@code est} (automatic) or {@code manual}, with why for manual
     * @param state the renewal step
     * @param last the last renewal's result, or {@code null}
     */
    public void identity(X509Certificate leaf, Instant renewAt, String mode, RenewalState state, RenewalResult last) {
        Map<String, Object> renewal = new LinkedHashMap<>();
        renewal.put("mode", mode);
        renewal.put("state", state.name());
        renewal.put("last", last == null ? null : last.toReport());
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("subject", leaf.getSubjectX500Principal().getName());
        identity.put("thumbprintSha256", Thumbprints.sha256(leaf));
        identity.put("serialNumber", leaf.getSerialNumber().toString(16));
        identity.put("notBefore", leaf.getNotBefore().toInstant().toString());
        identity.put("notAfter", leaf.getNotAfter().toInstant().toString());
        identity.put("renewAt", renewAt == null ? null : renewAt.toString());
        identity.put("renewal", renewal);
        try {
            reports.reportAgent(Map.of("identity", identity));
        } catch (RuntimeException e) {
            LOG.error("identity status not reported reason=\"{}\"", e.toString());
        }
    }

    /**
     * Logs a WARN when the certificate expires within {@link #WARN_WITHIN}, at most once a day.
     *
     * @param leaf the certificate in use
     * @param how what the agent does about it (one sentence)
     * @return whether it warned now
     */
    public boolean warnIfExpiring(X509Certificate leaf, String how) {
        Instant now = clock.instant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (now.isBefore(notAfter.minus(WARN_WITHIN))
                || lastWarning != null && now.isBefore(lastWarning.plus(WARN_EVERY))) {
            return false;
        }
        lastWarning = now;
        Duration left = Duration.between(now, notAfter);
        LOG.warn("module certificate expiry serial={} thumbprint={} state={} notAfter={} left=\"{}\" renewal=\"{}\"",
                leaf.getSerialNumber().toString(16), Thumbprints.sha256(leaf),
                left.isNegative() ? "expired" : "expires", notAfter, left.isNegative() ? "none" : describe(left), how);
        return true;
    }

    private static String describe(Duration left) {
        if (left.toDays() > 0) {
            return left.toDays() + " d " + left.toHoursPart() + " h";
        }
        return left.toHours() > 0 ? left.toHours() + " h " + left.toMinutesPart() + " min" : left.toMinutes() + " min";
    }
}
