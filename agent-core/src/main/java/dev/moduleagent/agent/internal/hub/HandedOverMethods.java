package dev.moduleagent.agent.internal.hub;

/**
 * Takes direct-method calls off the SDK's receive thread: each call is queued on the session thread, which hands it
 * to the agent's command router (that starts it on a command thread at once). A call that comes while the agent
 * stops is answered 503 on the spot, so the caller is never left waiting for IoT Hub's timeout.
 */
final class HandedOverMethods implements MethodListener {

    private final MethodListener target;
    private final SessionLoop loop;

    HandedOverMethods(MethodListener target, SessionLoop loop) {
        this.target = target;
        this.loop = loop;
    }

    @Override
    public void invoked(String methodName, String payloadJson, MethodReply reply) {
        boolean queued = !loop.stopped() && loop.post(() -> target.invoked(methodName, payloadJson, reply));
        if (!queued) {
            reply.send(503, "{\"error\":\"the agent is stopping; try again\"}");
        }
    }
}
