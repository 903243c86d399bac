package dev.moduleagent.localhub.internal.gateway;

import io.netty.channel.ChannelPipeline;

/**
 * A protocol carried in WebSocket frames on {@code /$iothub/websocket} of the shared HTTPS port, chosen by the
 * client's {@code Sec-WebSocket-Protocol} (IoT Hub: {@code mqtt} for MQTT, {@code AMQPWSB10} for AMQP).
 */
public interface WebSocketEndpoint {

    /** The subprotocol name the client offers, compared case-insensitively. */
    String subprotocol();

    /**
     * Adds, at the end of the pipeline (after the HTTP codec), the handlers that complete the WebSocket handshake
     * for {@code path} and speak the protocol. The upgrade request is fired into them afterwards.
     */
    void install(ChannelPipeline pipeline, String path);
}
