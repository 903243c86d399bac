package dev.moduleagent.certs.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations such as {@code 90s}, {@code 5m}, {@code 2h} or {@code 30} (seconds). */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern FORM = Pattern.compile("(\\d{1,7})([smh]?)");

    @Override
    public Duration convert(String value) {
        Matcher matcher = FORM.matcher(value.trim());
        if (!matcher.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 30s, 5m, 1h)");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
