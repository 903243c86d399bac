package dev.moduleagent.localhub.internal.mqtt;

/**
 * How the hub reaches a client that is not connected over MQTT (AMQP): the two things the hub sends unasked, and
 * closing. Implementations hop onto their connection's own thread; calls may come from any thread.
 */
public interface ClientOutbound {

    /** Sends a desired-properties patch whose body already carries {@code "$version": version}. */
    void pushDesired(byte[] patch, long version);

    /** Sends a direct method request; the answer goes to {@link MethodInvoker#complete} with the same rid. */
    void requestMethod(String method, String rid, byte[] payload);

    /** Closes the connection (a newer one of the same identity took over, or the identity was deleted). */
    void close();
}
