package dev.moduleagent.api;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Lets a plug-in send telemetry for its component: one device-to-cloud message with the IoT Plug and Play component
 * property {@code $.sub} set to the component and a JSON body. The agent registers one instance as an OSGi service.
 *
 * <p>Best effort, like the SDK's telemetry: a message is sent only while connected, is not kept on disk, and is never
 * retried by the agent. Safe to call from any thread; never blocks on the network.
 */
@ProviderType
public interface Telemetry {

    /** The largest JSON body in UTF-8 bytes: IoT Hub's limit for one device-to-cloud message (256 KB). */
    int MAX_BODY_BYTES = 256 * 1024;

    /**
     * Sends one message.
     *
     * @param component the component it belongs to ({@code $.sub}), as in {@link ComponentName}
     * @param body the message body as plain values, turned into one JSON object
     * @return whether the message was handed to the connection (false while offline)
     * @throws IllegalArgumentException when the component name breaks IoT Hub's rules, is the agent's own
     *     {@code agent}, or the body is larger than {@link #MAX_BODY_BYTES}
     */
    boolean send(String component, Map<String, ?> body);
}
