package dev.moduleagent.api;

import java.time.Duration;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plug-in that owns one IoT Plug and Play component of the module twin, such as {@code firmware}.
 *
 * <p>Register an implementation as an OSGi service with the service property {@value #COMPONENT} set to the
 * component name (for example {@code @Component(property = ComponentHandler.COMPONENT + "=firmware")}). The agent
 * tracks these services (whiteboard pattern): when the desired properties carry a section for that name, the
 * section goes to this handler only, and the outcome is acknowledged in the reported properties as
 * {@code {"value", "ac", "av", "ad"}} for every property of the section.
 *
 * <p>Threading: for one component, {@link #validate} and {@link #apply} are never called concurrently (the one
 * exception is described at {@link #timeout()}); different components run in parallel on agent threads.
 * {@code apply} may block for as long as the work takes, up to {@link #timeout()}. Sections whose content did not
 * change since the last acknowledged outcome are not handed over again, also across agent restarts. When a
 * component's section is removed from the desired properties, nothing is handed over.
 */
@ConsumerType
public interface ComponentHandler {

    /** The service property that names the component this handler owns. */
    String COMPONENT = "moduleagent.component";

    /**
     * Checks a desired section before it is applied. Must be fast and free of side effects.
     *
     * @param section the desired section, never {@code null}
     * @return {@link Validation#accept()} or a rejection, which the agent acknowledges with {@code ac} 400
     */
    default Validation validate(DesiredSection section) {
        return Validation.accept();
    }

    /**
     * Applies a validated desired section and returns how it ended. Long work should call
     * {@link ApplyContext#progress} now and then (acknowledged with {@code ac} 202) and return early when
     * {@link ApplyContext#isSuperseded()} turns true. Applying the same section twice must be harmless.
     *
     * @param section the desired section, never {@code null}
     * @param context the agent's side of this one application, valid until this method returns
     * @return the outcome; an exception thrown here is acknowledged with {@code ac} 500 and its message
     * @throws Exception when applying failed unexpectedly
     */
    Outcome apply(DesiredSection section, ApplyContext context) throws Exception;

    /**
     * How long one {@link #validate} plus {@link #apply} may take before the agent reports it as failed
     * ({@code ac} 500, "timed out after …") and moves on. The agent then interrupts the calling thread and
     * {@link ApplyContext#isSuperseded()} turns true; since a thread cannot be stopped, a call that ignores both may
     * still be running when the next section of the component is handed over.
     *
     * @return a positive duration; ten minutes unless overridden
     */
    default Duration timeout() {
        return Duration.ofMinutes(10);
    }
}
