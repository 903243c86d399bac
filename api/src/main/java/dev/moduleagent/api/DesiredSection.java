package dev.moduleagent.api;

import java.util.Map;
import java.util.Objects;

/**
 * One component's section of the desired properties, at one desired {@code $version}.
 *
 * @param component the component name, the top-level key of the section in the twin
 * @param version the desired {@code $version} of the twin this section was read from
 * @param properties the section's properties without the {@code "__t"} marker; an unmodifiable map whose values
 *     follow the types listed in the package documentation
 */
public record DesiredSection(String component, long version, Map<String, Object> properties) {

    /** Checks that the component and properties are present. */
    public DesiredSection {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(properties, "properties");
    }
}
