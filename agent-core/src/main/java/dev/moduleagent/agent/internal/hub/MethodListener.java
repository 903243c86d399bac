package dev.moduleagent.agent.internal.hub;

/**
 * Receives direct-method calls from the hub. A {@link TwinChannel} calls it on the SDK's receive thread, where the
 * {@link HubSession} only queues the call on its session thread; the agent's listener is then called there. Either
 * way it must hand the call over and return at once; the answer goes back through the {@link MethodReply}, from any
 * thread, once.
 */
public interface MethodListener {

    /**
     * @param methodName the method's name as the caller gave it, for example {@code firmware*rollback}
     * @param payloadJson the call's payload as JSON text ({@code {}} when the caller sent none)
     * @param reply where the one answer goes
     */
    void invoked(String methodName, String payloadJson, MethodReply reply);
}
