package dev.moduleagent.localhub.internal.amqp;

import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.gateway.WebSocketBytes;
import dev.moduleagent.localhub.internal.gateway.WebSocketEndpoint;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.EventExecutorGroup;

/**
 * AMQP 1.0 inside WebSocket frames, as IoT Hub offers it on {@code wss://<host>/$iothub/websocket} with the
 * subprotocol {@value #SUBPROTOCOL} (the SDK's {@code AMQPS_WS}), on the shared HTTPS port: Netty's WebSocket
 * handshake, binary frames to bytes and back ({@link WebSocketBytes}), and the AMQP engine once the handshake is
 * complete (before it, nothing may be written in frames).
 */
public final class AmqpOverWebSocket implements WebSocketEndpoint {

    static final String SUBPROTOCOL = "AMQPWSB10";
    private static final int MAX_HANDSHAKE_BYTES = 16 * 1024;
    /** Proton-J writes several AMQP frames in one WebSocket frame: the bound MQTT's WebSocket frames have. */
    private static final int MAX_FRAME_PAYLOAD_BYTES = 256 * 1024 + 8 * 1024 + 5;

    private final HubCore core;
    private final EventExecutorGroup handlers;

    public AmqpOverWebSocket(HubCore core, EventExecutorGroup handlers) {
        this.core = core;
        this.handlers = handlers;
    }

    @Override
    public String subprotocol() {
        return SUBPROTOCOL;
    }

    @Override
    public void install(ChannelPipeline pipeline, String path) {
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_BYTES));
        pipeline.addLast("websocket", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .subprotocols(SUBPROTOCOL)
                .checkStartsWith(true) // the SDK adds ?iothub-no-client-cert=true for SAS
                .maxFramePayloadLength(MAX_FRAME_PAYLOAD_BYTES)
                .build()));
        pipeline.addLast("websocket-bytes", WebSocketBytes.INSTANCE);
        pipeline.addLast("amqp-after-handshake", new EngineAfterHandshake());
    }

    /** Adds the AMQP engine in its own place once the handshake is complete. */
    private final class EngineAfterHandshake extends ChannelInboundHandlerAdapter {

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                ChannelPipeline pipeline = ctx.pipeline();
                pipeline.remove(this);
                AmqpServer.addEngine(pipeline, handlers, core);
            }
            super.userEventTriggered(ctx, event);
        }
    }
}
