package dev.moduleagent.agent.internal.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * When to renew ({@code renew.before}): a share of the certificate's lifetime ({@code 30%}), a time before expiry
 * ({@code 7d}, {@code 12h}, {@code 30m}, {@code 45s} or ISO-8601 {@code PT12H}), or both separated by a comma, in
 * which case the <em>earlier</em> of the two points wins.
 *
 * @param percent the share of the lifetime left at renewal, 1–99, or 0 for none
 * @param before the time left at renewal, or {@code null} for none
 */
public record RenewBefore(int percent, Duration before) {

    /** The default: renew when 30 % of the lifetime is left. */
    public static final RenewBefore DEFAULT = new RenewBefore(30, null);

    /**
     * @param text the setting's value
     * @return the threshold
     * @throws IllegalArgumentException with a one-line message naming the value
     */
    public static RenewBefore parse(String text) {
        int percent = 0;
        Duration before = null;
        for (String part : text.split(",")) {
            String item = part.trim();
            if (item.endsWith("%")) {
                if (percent != 0) {
                    throw bad(text, "more than one percentage");
                }
                percent = parsePercent(text, item);
            } else {
                if (before != null) {
                    throw bad(text, "more than one duration");
                }
                before = parseDuration(text, item);
            }
        }
        return new RenewBefore(percent, before);
    }

    /**
     * @param notBefore the certificate's start
     * @param notAfter the certificate's end
     * @return the earlier of the configured points, never before {@code notBefore}
     */
    public Instant renewAt(Instant notBefore, Instant notAfter) {
        Instant at = notAfter;
        if (percent > 0) {
            long lifetimeMillis = Math.max(0, notAfter.toEpochMilli() - notBefore.toEpochMilli());
            at = notAfter.minusMillis(lifetimeMillis * percent / 100);
        }
        if (before != null && notAfter.minus(before).isBefore(at)) {
            at = notAfter.minus(before);
        }
        return at.isBefore(notBefore) ? notBefore : at;
    }

    private static int parsePercent(String text, String item) {
        try {
            int value = Integer.parseInt(item.substring(0, item.length() - 1).trim());
            if (value >= 1 && value <= 99) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(text, "a percentage must be a whole number from 1% to 99%");
    }

    /**
     * @param text the whole setting, for the message
     * @param item {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s} or ISO-8601
     * @return the positive duration
     */
    static Duration parseDuration(String text, String item) {
        Duration value;
        try {
            value = parsePositive(item);
        } catch (IllegalArgumentException e) {
            throw bad(text, "use a percentage (30%) or a duration (7d, 12h, 30m, 45s, PT12H)");
        }
        return value;
    }

    /**
     * @param item {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s} or ISO-8601 ({@code PT1H}, {@code P7D})
     * @return the duration, positive
     * @throws IllegalArgumentException when it is neither, or not positive
     */
    static Duration parsePositive(String item) {
        String lower = item.toLowerCase(Locale.ROOT);
        Duration value;
        try {
            if (lower.startsWith("p")) {
                value = Duration.parse(item.toUpperCase(Locale.ROOT));
            } else if (lower.matches("\\d{1,9}[dhms]")) {
                long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
                value = switch (lower.charAt(lower.length() - 1)) {
                    case 'd' -> Duration.ofDays(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                };
            } else {
                throw new IllegalArgumentException("not a duration: " + item);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration: " + item, e);
        }
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("not positive: " + item);
        }
        return value;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("renew.before '" + text + "' is not valid: " + why);
    }

    @Override
    public String toString() {
        String share = percent > 0 ? percent + "%" : "";
        String time = before == null ? "" : before.toString();
        return share.isEmpty() ? time : time.isEmpty() ? share : share + "," + time;
    }
}
