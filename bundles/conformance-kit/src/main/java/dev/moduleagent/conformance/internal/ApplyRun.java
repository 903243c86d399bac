package dev.moduleagent.conformance.internal;

import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import dev.moduleagent.api.Validation;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One validate-then-apply on its own thread, as the agent runs it: a rejection becomes {@code ac} 400, an exception
 * {@code ac} 500 with its message, and the context closes when apply returns.
 */
public final class ApplyRun {

    private final ComponentHandler handler;
    private final DesiredSection section;
    private final RecordingContext context;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Outcome outcome;
    private volatile Throwable error;
    private volatile long supersededAt;
    private volatile long returnedAt;
    private Thread thread;

    private ApplyRun(ComponentHandler handler, DesiredSection section, ReportedSection reported) {
        this.handler = handler;
        this.section = section;
        this.context = new RecordingContext(section, reported);
    }

    /**
     * @param handler the plug-in
     * @param section the desired section
     * @param reported the component's reported section
     * @param supersedeOnProgress whether a newer version arrives during the first progress report
     * @return the started run
     */
    public static ApplyRun start(ComponentHandler handler, DesiredSection section, ReportedSection reported,
            boolean supersedeOnProgress) {
        ApplyRun run = new ApplyRun(handler, section, reported);
        if (supersedeOnProgress) {
            run.context.onFirstProgress(() -> {
                run.supersededAt = System.nanoTime();
                run.context.supersede();
            });
        }
        run.thread = new Thread(run::execute, "conformance-" + section.component() + "-v" + section.version());
        run.thread.setDaemon(true);
        run.thread.start();
        return run;
    }

    /**
     * @param bound how long to wait
     * @return the outcome
     * @throws AssertionError when apply did not return within the bound or threw an {@link Error}
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public Outcome await(Duration bound) throws InterruptedException {
        if (!done.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            thread.interrupt();
            throw new AssertionError(section.component() + ": apply of version " + section.version()
                    + " did not return within " + bound);
        }
        thread.join();
        if (error != null) {
            throw new AssertionError(section.component() + ": apply threw " + error, error);
        }
        return outcome;
    }

    private void execute() {
        try {
            Validation validation = handler.validate(section);
            if (!validation.accepted()) {
                outcome = new Outcome(400, validation.reason());
            } else {
                Outcome result = handler.apply(section, context);
                outcome = result != null ? result : Outcome.failed("apply returned null");
            }
        } catch (Exception e) {
            outcome = Outcome.failed(String.valueOf(e.getMessage()));
        } catch (Error e) {
            error = e;
        } finally {
            returnedAt = System.nanoTime();
            context.close();
            done.countDown();
        }
    }

    /** @return the context handed to the plug-in */
    public RecordingContext context() {
        return context;
    }

    /** @return the section applied */
    public DesiredSection section() {
        return section;
    }

    /** @return how long apply ran on after it was superseded, or {@code null} when it was not */
    public Duration runOnAfterSuperseded() {
        return context.superseded() ? Duration.ofNanos(returnedAt - supersededAt) : null;
    }
}
