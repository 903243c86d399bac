package dev.moduleagent.agent.internal.status;

/** Sends telemetry (the hub session in production). Best effort: returns at once. */
@FunctionalInterface
public interface EventSink {

    /**
     * @param component the IoT Plug and Play component ({@code $.sub})
     * @param json the JSON body
     * @return whether the event was handed to the transport
     */
    boolean send(String component, String json);
}
