package dev.moduleagent.runtime;

import dev.moduleagent.runtime.internal.RestartRequest;
import java.time.Duration;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An agent started by {@link Launcher}: lets a caller wait for it to end, or stop it with a deadline. */
public final class RunningAgent {

    /** How long a stop may take by default: the agent flushes its reported outbox and closes its connection. */
    public static final Duration DEFAULT_STOP = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(RunningAgent.class);

    private final Framework framework;
    private final RestartRequest restart;

    RunningAgent(Framework framework, RestartRequest restart) {
        this.framework = framework;
        this.restart = restart;
    }

    /** @return whether the framework stopped because the agent asked to be restarted ({@code agent*restart}) */
    public boolean restartRequested() {
        return restart.requested();
    }

    /**
     * Stops every bundle (plug-ins and agent) and the framework, and waits for it.
     *
     * @param deadline how long to wait
     * @throws LaunchException when the framework did not stop in time or refused to stop
     * @throws InterruptedException when interrupted while waiting
     */
    public void stop(Duration deadline) throws LaunchException, InterruptedException {
        LOG.info("stopping the agent");
        try {
            framework.stop();
        } catch (BundleException e) {
            throw new LaunchException("the OSGi framework refused to stop: " + e.getMessage(), e);
        }
        FrameworkEvent event = framework.waitForStop(deadline.toMillis());
        if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
            throw new LaunchException("the agent did not stop within " + deadline.toSeconds() + " s");
        }
        LOG.info("agent stopped");
    }

    /**
     * Blocks until the framework has stopped (for example through {@link #stop} from a shutdown hook).
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }
}
