package dev.moduleagent.api;

import java.time.Duration;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plug-in that answers IoT Plug and Play commands of one component: direct methods named
 * {@code <component>*<command>}, such as {@code firmware*rollback}.
 *
 * <p>Register an implementation as an OSGi service named by {@link ComponentName}, exactly like a
 * {@link ComponentHandler} (one bundle may register both for the same component). If
 * two handlers claim a component, the one with the higher {@code service.ranking} (then the older service) answers.
 *
 * <p>The agent answers the caller itself when it cannot hand a call over: {@code 404} when no handler owns the
 * component or the command is not in {@link #commands()}, {@code 400} when the payload is not JSON, {@code 429} when
 * too many commands run at once, {@code 500} when {@link #handle} throws or returns {@code null}, {@code 504} when it
 * does not return within {@link CommandRequest#timeout()}.
 *
 * <p>Threading: {@link #handle} runs on an agent thread, never on the SDK's; calls may run concurrently, also for the
 * same command, so an implementation must be thread-safe. When the timeout expires the calling thread is interrupted
 * and the caller has already been answered {@code 504}; whatever {@code handle} returns afterwards is dropped.
 */
@ConsumerType
public interface CommandHandler {

    /**
     * The raw service property that named the component before {@link ComponentName}; still read by the agent.
     *
     * @deprecated annotate the component with {@link ComponentName} instead
     */
    @Deprecated
    String COMPONENT = "moduleagent.component";

    /** How long a command may take unless {@link #timeout} says otherwise: IoT Hub's default method timeout. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @return the names of the commands this handler answers (the part after {@code *}); a call of any other command
     *     is answered {@code 404} without calling {@link #handle}. Read at every call, so it may change.
     */
    Set<String> commands();

    /**
     * Runs one command.
     *
     * @param request the command, its payload and its deadline; never {@code null}
     * @return the status and payload sent back to the caller, never {@code null}
     * @throws Exception when the command failed unexpectedly: answered {@code 500} with the exception's message
     */
    CommandResponse handle(CommandRequest request) throws Exception;

    /**
     * How long one call of a command may take before the caller is answered {@code 504}. The device SDK does not pass
     * the caller's own {@code responseTimeoutInSeconds} on, so the handler names the limit; the agent caps it at 300 s
     * (IoT Hub's largest method timeout). A caller whose own timeout is shorter gets IoT Hub's 504 first.
     *
     * @param command a command name from {@link #commands()}
     * @return a positive duration; {@link #DEFAULT_TIMEOUT} unless overridden (a non-positive one means the default)
     */
    default Duration timeout(String command) {
        return DEFAULT_TIMEOUT;
    }
}
