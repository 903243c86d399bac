package dev.moduleagent.api;

import java.time.Duration;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plug-in that owns one IoT Plug and Play component of the module twin, such as {@code firmware}.
 *
 * <p>Register an implementation as an OSGi service named by the component property type {@link ComponentName}
 * (for example {@code @Component @ComponentName("firmware")}; bundles built before 1.2.0 set the raw property
 * {@value #COMPONENT} instead, which the agent still reads). The agent tracks these services (whiteboard pattern):
 * when the desired properties carry a section for that name, the section goes to this handler only, and the
 * outcome is acknowledged in the reported properties as {@code {"value", "ac", "av", "ad"}} for every property of
 * the section.
 *
 * <p>Threading: for one component, {@link #apply} is never called concurrently with itself (the one exception is
 * described at {@link #timeout()}); different components run in parallel on agent threads. {@code apply} may block
 * for as long as the work takes, up to {@link #timeout()}. {@link #validate} runs just before {@code apply}, and
 * also when a newer section arrives while an older one is being applied: then it runs beside that {@code apply},
 * before the newer section may supersede it, and a rejected newer section is acknowledged {@code 400} at once while
 * the work in flight goes on (since 1.2.0). Sections whose content did not change since the last acknowledged
 * outcome are not handed over again, also across agent restarts. When a component's section is removed from the
 * desired properties, nothing is handed over.
 */
@ConsumerType
public interface ComponentHandler {

    /**
     * The raw service property that named the component before {@link ComponentName}; still read by the agent.
     *
     * @deprecated annotate the component with {@link ComponentName} instead, which sets {@value ComponentName#PROPERTY}
     */
    @Deprecated
    String COMPONENT = "moduleagent.component";

    /**
     * Checks a desired section before it is applied, and a newer section before it supersedes one being applied.
     * Must be fast, free of side effects and safe to call while {@link #apply} runs on another thread. At arrival
     * the agent waits for it at most ten seconds; later, the newer section supersedes as before and is validated
     * again just before its {@code apply}.
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
