package dev.moduleagent.agent.internal.reported;

import java.util.Map;

/** The hub side the outbox drains into (the hub session in production, a fake in tests). */
public interface ReportedLink {

    /** @return whether a patch sent now can reach the hub */
    boolean isConnected();

    /**
     * Sends one reported patch and waits for the hub's confirmation.
     *
     * @param patch the merge patch
     * @throws ReportFailure when the hub did not confirm it
     * @throws InterruptedException when the agent is stopping
     */
    void sendReported(Map<String, Object> patch) throws ReportFailure, InterruptedException;
}
