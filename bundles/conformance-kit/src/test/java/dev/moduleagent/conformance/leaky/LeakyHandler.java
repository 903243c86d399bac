package dev.moduleagent.conformance.leaky;

import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import java.util.concurrent.locks.LockSupport;

/** A plug-in that starts a thread and never stops it: what the bundle check must catch. */
public class LeakyHandler implements ComponentHandler {

    /** The name of the thread it leaves behind. */
    public static final String THREAD = "leaky-worker";

    /** Starts the thread that nothing ever stops (until interrupted). */
    public LeakyHandler() {
        Thread worker = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.park(this);
            }
        }, THREAD);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public Outcome apply(DesiredSection section, ApplyContext context) {
        return Outcome.done("ok");
    }
}
