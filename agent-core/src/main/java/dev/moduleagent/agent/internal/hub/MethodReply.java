package dev.moduleagent.agent.internal.hub;

/** Sends the answer of one direct-method call back to the hub; only the first answer counts. */
public interface MethodReply {

    /**
     * @param status the HTTP-like status the caller sees
     * @param payloadJson the answer's payload as JSON text
     */
    void send(int status, String payloadJson);
}
