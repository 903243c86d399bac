package dev.moduleagent.agent.internal.config;

import java.util.Optional;

/** Checks one value against its metatype attribute definition: required, kind, range, choices. */
final class KeyRules {

    private KeyRules() {
    }

    /**
     * @param key the declaration
     * @param value the trimmed value, or {@code null} when not set
     * @return the problem in one line, or empty
     */
    static Optional<String> problem(ConfigDeclaration.Key key, String value) {
        if (value == null) {
            return key.required() ? Optional.of("required key '" + key.name() + "' is missing or empty")
                    : Optional.empty();
        }
        switch (key.type()) {
            case "Integer", "Long", "Short", "Byte" -> {
                return wholeNumber(key, value);
            }
            case "Boolean" -> {
                return "true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value) ? Optional.empty()
                        : Optional.of("'" + key.name() + "' is '" + value + "', expected true or false");
            }
            default -> {
                return choice(key, value);
            }
        }
    }

    private static Optional<String> wholeNumber(ConfigDeclaration.Key key, String value) {
        long min = key.min() == null ? Long.MIN_VALUE : Long.parseLong(key.min());
        long max = key.max() == null ? Long.MAX_VALUE : Long.parseLong(key.max());
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return Optional.of("'" + key.name() + "' is '" + value + "', expected a whole number from "
                + (key.min() == null ? "any" : key.min()) + " to " + (key.max() == null ? "any" : key.max()));
    }

    private static Optional<String> choice(ConfigDeclaration.Key key, String value) {
        if (key.options().isEmpty() || key.options().stream().anyMatch(value::equalsIgnoreCase)) {
            return Optional.empty();
        }
        return Optional.of("'" + key.name() + "' is '" + value + "', expected one of "
                + String.join(", ", key.options()));
    }
}
