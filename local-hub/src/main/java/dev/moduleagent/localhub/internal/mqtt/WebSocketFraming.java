package dev.moduleagent.localhub.internal.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.List;

/**
 * MQTT inside WebSocket frames, as IoT Hub offers it on {@code wss://<host>/$iothub/websocket} with the subprotocol
 * {@code mqtt}: Netty's HTTP codec and WebSocket handshake, then binary frames unwrapped into the byte stream the MQTT
 * decoder reads, and MQTT bytes wrapped into binary frames on the way out. Text frames close the connection (MQTT is
 * binary); control frames (ping, close) are answered by Netty.
 */
final class WebSocketFraming {

    /** The path IoT Hub serves MQTT over WebSockets on. */
    static final String PATH = "/$iothub/websocket";
    private static final int MAX_HANDSHAKE_BYTES = 16 * 1024;

    private WebSocketFraming() {
    }

    /** Adds the WebSocket handlers after TLS; the MQTT handlers follow. */
    static void addTo(ChannelPipeline pipeline, int maxFrameBytes) {
        pipeline.addLast("http", new HttpServerCodec(4096, 8192, MAX_HANDSHAKE_BYTES));
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_BYTES));
        pipeline.addLast("websocket", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(PATH)
                .subprotocols("mqtt")
                .checkStartsWith(true) // the SDK adds ?iothub-no-client-cert=true for SAS
                .maxFramePayloadLength(maxFrameBytes)
                .build()));
        pipeline.addLast("websocket-mqtt", FrameCodec.INSTANCE);
    }

    /** Binary (and continuation) frames to bytes and back. */
    @Sharable
    private static final class FrameCodec extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

        static final FrameCodec INSTANCE = new FrameCodec();

        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
            out.add(new BinaryWebSocketFrame(bytes.retain()));
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
            if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
                out.add(frame.content().retain());
            } else {
                ctx.close(); // a text frame: not MQTT
            }
        }
    }
}
