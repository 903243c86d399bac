package dev.moduleagent.runtime.demo;

import dev.moduleagent.localhub.ServiceClient;
import dev.moduleagent.localhub.ServiceException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Waits for a module twin to reach a state, by reading it through the service API until a condition holds or a
 * deadline passes (the twin is the only shared truth between a test or demo and the agent).
 */
public final class TwinPoller {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    private final ServiceClient service;
    private final String deviceId;
    private final String moduleId;

    /**
     * @param service the hub's service client
     * @param deviceId the device
     * @param moduleId the module
     */
    public TwinPoller(ServiceClient service, String deviceId, String moduleId) {
        this.service = service;
        this.deviceId = deviceId;
        this.moduleId = moduleId;
    }

    /** @return the twin now */
    public TwinView read() throws ServiceException {
        return new TwinView(service.getModuleTwin(deviceId, moduleId));
    }

    /**
     * @param missing what the twin still lacks; an empty list means done
     * @param deadline how long to wait
     * @return the first twin that lacks nothing
     * @throws DemoException when the deadline passes (naming what is still missing) or the hub fails
     * @throws InterruptedException when interrupted while waiting
     */
    public TwinView await(Function<TwinView, List<String>> missing, Duration deadline)
            throws DemoException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        List<String> lastMissing = List.of("no twin read yet");
        String lastError = null;
        while (System.nanoTime() - end < 0) {
            try {
                TwinView twin = read();
                lastMissing = missing.apply(twin);
                if (lastMissing.isEmpty()) {
                    return twin;
                }
                lastError = null;
            } catch (ServiceException e) {
                lastError = e.getMessage(); // the hub may be restarting: keep trying until the deadline
            }
            Thread.sleep(INTERVAL.toMillis());
        }
        throw new DemoException("not converged within " + deadline.toSeconds() + " s: "
                + (lastError != null ? "hub: " + lastError : String.join("; ", lastMissing)));
    }
}
