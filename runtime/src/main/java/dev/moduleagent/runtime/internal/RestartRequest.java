package dev.moduleagent.runtime.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's restart service: registered as a {@code Runnable} with {@value #PROPERTY}{@code =true}, it lets the
 * agent's {@code agent*restart} command stop the framework cleanly and have the process exit with the "restart
 * requested" code, on which the service unit starts it again. (Felix's own system-bundle update would restart the
 * framework inside the same process, which is not what an operator asks for.)
 */
public final class RestartRequest implements Runnable {

    /** The service property the agent looks the service up by (contract with agent-core's BundleControl). */
    public static final String PROPERTY = "moduleagent.restart";

    private static final Logger LOG = LoggerFactory.getLogger(RestartRequest.class);

    private final Framework framework;
    private final AtomicBoolean requested = new AtomicBoolean();

    /** @param framework the framework to stop */
    public RestartRequest(Framework framework) {
        this.framework = framework;
    }

    @Override
    public void run() {
        if (!requested.compareAndSet(false, true)) {
            return;
        }
        LOG.info("restart requested action=stop-framework then=exit-for-supervisor");
        Thread stopper = new Thread(() -> {
            try {
                framework.stop();
            } catch (BundleException | RuntimeException e) {
                LOG.error("restart failed, the framework refused to stop reason=\"{}\"", e.getMessage());
            }
        }, "module-agent-restart");
        stopper.start();
    }

    /** @return whether a restart was requested */
    public boolean requested() {
        return requested.get();
    }
}
