package dev.moduleagent.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names the twin component a {@link ComponentHandler} or {@link CommandHandler} serves, as a typed Declarative
 * Services component property (a component property type, DS 1.4): put it on the component class beside
 * {@code @Component}, and the build writes the service property {@value #PROPERTY} into the component description.
 *
 * <pre>{@code
 * @Component
 * @ComponentName("firmware")
 * public class FirmwareHandler implements ComponentHandler { ... }
 * }</pre>
 *
 * <p>The name must be a key IoT Hub accepts (no {@code .}, {@code $} or space) and not {@code agent}, which is the
 * agent's own; the agent ignores a service with a bad name, with a warning. Bundles built before 1.2.0 set the raw
 * property {@link ComponentHandler#COMPONENT} instead; the agent still reads it. A service naming two different
 * components through both properties is ignored.
 *
 * @since 1.2.0
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ComponentName {

    /** The prefix of the property's name (DS 1.4 {@code PREFIX_}). */
    String PREFIX_ = "moduleagent.";

    /** The service property this annotation sets: the prefix and the name derived from the annotation type. */
    String PROPERTY = "moduleagent.component.name";

    /** @return the component name, the top-level key of the component's section in the module twin */
    String value();
}
