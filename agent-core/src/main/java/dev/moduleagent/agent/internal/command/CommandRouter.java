package dev.moduleagent.agent.internal.command;

import dev.moduleagent.agent.internal.hub.MethodListener;
import dev.moduleagent.agent.internal.hub.MethodReply;
import dev.moduleagent.api.CommandHandler;
import dev.moduleagent.api.CommandRequest;
import dev.moduleagent.api.CommandResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes IoT Plug and Play commands ({@code <component>*<command>} direct methods) to the {@link CommandHandler} that
 * owns the component, on the agent's command threads, and answers every call exactly once: the handler's response,
 * or 400 / 404 / 413 / 429 / 500 / 504 from the agent. At most {@link CommandThreads#MAX_CONCURRENT} calls run at a
 * time; one more is answered 429 at once (IoT Hub's throttling status: the caller may try again later).
 */
public final class CommandRouter implements MethodListener {

    /** The time a handler has when it names none (IoT Hub's default {@code responseTimeoutInSeconds}). */
    public static final Duration DEFAULT_TIMEOUT = CommandHandler.DEFAULT_TIMEOUT;
    /** The longest time a handler may ask for (IoT Hub's largest {@code responseTimeoutInSeconds}). */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(300);

    private static final Logger LOG = LoggerFactory.getLogger(CommandRouter.class);

    private final CommandRegistry registry;
    private final CommandThreads threads;
    private final Semaphore slots = new Semaphore(CommandThreads.MAX_CONCURRENT);

    /**
     * @param registry the handlers by component
     * @param threads where handlers run and time out; owned by the caller
     */
    public CommandRouter(CommandRegistry registry, CommandThreads threads) {
        this.registry = registry;
        this.threads = threads;
    }

    @Override
    public void invoked(String methodName, String payloadJson, MethodReply reply) {
        OnceReply once = new OnceReply(methodName, reply);
        int star = methodName == null ? -1 : methodName.indexOf('*');
        if (star <= 0 || star == methodName.length() - 1) {
            once.error(404, "unknown method '" + methodName + "': commands are named <component>*<command>");
            return;
        }
        if (!slots.tryAcquire()) {
            once.error(429, "too many commands running (" + CommandThreads.MAX_CONCURRENT + "); try again later");
            return;
        }
        String component = methodName.substring(0, star);
        String command = methodName.substring(star + 1);
        try {
            threads.run(() -> {
                try {
                    execute(component, command, payloadJson, once);
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            once.error(503, "the agent is stopping");
        }
    }

    private void execute(String component, String command, String payloadJson, OnceReply once) {
        CommandHandler handler = registry.find(component);
        if (handler == null) {
            once.error(404, "no plug-in answers commands of component '" + component + "'");
            return;
        }
        Duration timeout;
        try {
            Set<String> commands = handler.commands();
            if (commands == null || !commands.contains(command)) {
                once.error(404, "component '" + component + "' has no command '" + command + "'"
                        + (commands == null ? "" : "; it has " + new TreeSet<>(commands)));
                return;
            }
            timeout = bounded(handler.timeout(command));
        } catch (RuntimeException e) {
            once.error(500, "the plug-in failed: " + describe(e));
            return;
        }
        Object payload;
        try {
            payload = CommandPayloads.read(payloadJson);
        } catch (IllegalArgumentException e) {
            once.error(e.getMessage().contains("larger") ? 413 : 400, e.getMessage());
            return;
        }
        call(handler, new CommandRequest(component, command, payload, timeout), once);
    }

    private void call(CommandHandler handler, CommandRequest request, OnceReply once) {
        RunningCall running = new RunningCall(Thread.currentThread());
        ScheduledFuture<?> timeout = threads.schedule(() -> {
            if (once.error(504, "no answer within " + request.timeout().toMillis() + " ms")) {
                running.interrupt();
            }
        }, request.timeout());
        try {
            CommandResponse response = handler.handle(request);
            if (response == null) {
                once.error(500, "the plug-in returned no response");
            } else {
                once.send(response);
            }
        } catch (InterruptedException e) {
            once.error(504, "interrupted after " + request.timeout().toMillis() + " ms");
        } catch (Exception | LinkageError e) {
            LOG.info("command failed component={} command={} reason=\"{}\"", request.component(), request.command(), e.toString());
            once.error(500, describe(e));
        } finally {
            timeout.cancel(false);
            running.finish();
        }
    }

    private static Duration bounded(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            return DEFAULT_TIMEOUT;
        }
        return timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName() : e.getMessage();
    }

    /** The thread running one call: interrupted at its timeout, but never after it finished. */
    private static final class RunningCall {
        private final Thread thread;
        private boolean finished;

        RunningCall(Thread thread) {
            this.thread = thread;
        }

        synchronized void interrupt() {
            if (!finished) {
                thread.interrupt();
            }
        }

        void finish() {
            synchronized (this) {
                finished = true;
            }
            Thread.interrupted(); // a timeout's interrupt must not leak into the next call on this thread
        }
    }

    /** Answers a call once: the first of the handler's response, an error, or the timeout. */
    private static final class OnceReply {
        private final String method;
        private final MethodReply reply;
        private boolean sent;

        OnceReply(String method, MethodReply reply) {
            this.method = method;
            this.reply = reply;
        }

        boolean error(int status, String message) {
            return answer(status, CommandPayloads.write(Map.of("error", message)));
        }

        void send(CommandResponse response) {
            String json;
            try {
                json = CommandPayloads.write(response.payload());
            } catch (IllegalArgumentException e) {
                error(500, e.getMessage());
                return;
            }
            answer(response.status(), json);
        }

        private boolean answer(int status, String json) {
            synchronized (this) {
                if (sent) {
                    return false;
                }
                sent = true;
            }
            LOG.info("method answered method={} status={}", method, status);
            reply.send(status, json);
            return true;
        }
    }
}
