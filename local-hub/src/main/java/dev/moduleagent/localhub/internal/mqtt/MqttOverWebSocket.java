package dev.moduleagent.localhub.internal.mqtt;

import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.gateway.WebSocketBytes;
import dev.moduleagent.localhub.internal.gateway.WebSocketEndpoint;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.EventExecutorGroup;

/**
 * MQTT inside WebSocket frames, as IoT Hub offers it on {@code wss://<host>/$iothub/websocket} with the subprotocol
 * {@code mqtt}, on the shared HTTPS port: Netty's WebSocket handshake, then binary frames unwrapped into the byte
 * stream the MQTT decoder reads, and MQTT bytes wrapped into binary frames on the way out ({@link WebSocketBytes}).
 */
public final class MqttOverWebSocket implements WebSocketEndpoint {

    private static final int MAX_HANDSHAKE_BYTES = 16 * 1024;
    /** An MQTT fixed header (type and remaining length) is at most 5 bytes; a frame carries one whole packet. */
    private static final int MQTT_FIXED_HEADER_BYTES = 5;

    private final EventExecutorGroup handlers;
    private final MqttHubContext hub;

    public MqttOverWebSocket(HubCore core, EventExecutorGroup handlers) {
        this.handlers = handlers;
        this.hub = MqttServer.context(core);
    }

    @Override
    public String subprotocol() {
        return "mqtt";
    }

    @Override
    public void install(ChannelPipeline pipeline, String path) {
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_BYTES));
        pipeline.addLast("websocket", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .subprotocols(subprotocol())
                .checkStartsWith(true) // the SDK adds ?iothub-no-client-cert=true for SAS
                .maxFramePayloadLength(MqttPipeline.MAX_PACKET_BYTES + MQTT_FIXED_HEADER_BYTES)
                .build()));
        pipeline.addLast("websocket-mqtt", WebSocketBytes.INSTANCE);
        MqttPipeline.addMqttHandlers(pipeline, handlers, hub);
    }
}
