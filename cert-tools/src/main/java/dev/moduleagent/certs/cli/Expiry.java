package dev.moduleagent.certs.cli;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** How long a certificate has left, as {@code inspect}, {@code verify}, {@code enroll} and {@code renew} print it. */
final class Expiry {

    private Expiry() {
    }

    /** @return whole days from {@code now} until the certificate's notAfter; negative once it has expired */
    static long daysLeft(X509Certificate cert, Instant now) {
        Duration left = Duration.between(now, cert.getNotAfter().toInstant());
        return left.isNegative() ? -Duration.between(cert.getNotAfter().toInstant(), now).toDays() - 1 : left.toDays();
    }

    /** @return whole days from the certificate's notAfter until {@code now} (for an expired certificate) */
    static long daysAgo(X509Certificate cert, Instant now) {
        return Duration.between(cert.getNotAfter().toInstant(), now).toDays();
    }

    /** @return e.g. "valid until 2027-01-01T00:00:00Z, 364 days left" (hours or minutes under a day) or "expired at …, 3 days ago" */
    static String describe(X509Certificate cert, Instant now) {
        Instant notAfter = cert.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            long ago = daysAgo(cert, now);
            return "expired at " + notAfter + ", " + ago + (ago == 1 ? " day" : " days") + " ago";
        }
        long days = daysLeft(cert, now);
        Duration left = Duration.between(now, notAfter);
        String amount = days > 0 ? days + (days == 1 ? " day" : " days")
                : left.toHours() > 0 ? left.toHours() + " h" : left.toMinutes() + " min";
        return "valid until " + notAfter + ", " + amount + " left";
    }
}
