package dev.moduleagent.localhub.cli;

import dev.moduleagent.localhub.Durability;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --durability commit|fsync}. */
final class DurabilityConverter implements ITypeConverter<Durability> {

    @Override
    public Durability convert(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "commit" -> Durability.COMMIT;
            case "fsync" -> Durability.FSYNC;
            default -> throw new TypeConversionException("'" + value + "' is not a durability (commit or fsync)");
        };
    }
}
