package dev.moduleagent.localhub.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations such as {@code 10m}, {@code 12h}, {@code 30d}. */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern FORM = Pattern.compile("(\\d{1,6})([mhd])");

    @Override
    public Duration convert(String value) {
        Matcher matcher = FORM.matcher(value.trim());
        if (!matcher.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 10m, 12h, 30d)");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
