package dev.moduleagent.localhub.internal.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.List;
import java.util.function.Consumer;

/**
 * MQTT inside WebSocket frames, as IoT Hub offers it on {@code wss://<host>/$iothub/websocket} with the subprotocol
 * {@code mqtt}: Netty's HTTP codec and WebSocket handshake, then binary frames unwrapped into the byte stream the MQTT
 * decoder reads, and MQTT bytes wrapped into binary frames on the way out. Text frames close the connection (MQTT is
 * binary); control frames (ping, close) are answered by Netty. Any other HTTP request gets 404 and is closed.
 */
final class WebSocketFraming {

    /** The path IoT Hub serves MQTT over WebSockets on. */
    static final String PATH = "/$iothub/websocket";
    /** The subprotocol of AMQP over WebSockets (the SDK's {@code AMQPS_WS}). */
    static final String AMQP_SUBPROTOCOL = "AMQPWSB10";
    private static final int MAX_HANDSHAKE_BYTES = 16 * 1024;
    /** An MQTT fixed header (type and remaining length) is at most 5 bytes; a frame carries one whole packet. */
    private static final int MQTT_FIXED_HEADER_BYTES = 5;

    private WebSocketFraming() {
    }

    /**
     * Adds the WebSocket handlers after TLS; the MQTT handlers follow.
     *
     * @param maxPacketBytes the MQTT decoder's bound on a packet's remaining length
     * @param amqpEngine     replaces the MQTT handlers when the client chose {@value #AMQP_SUBPROTOCOL}
     */
    static void addTo(ChannelPipeline pipeline, int maxPacketBytes, Consumer<ChannelPipeline> amqpEngine) {
        pipeline.addLast("http", new HttpServerCodec(4096, 8192, MAX_HANDSHAKE_BYTES));
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_BYTES));
        pipeline.addLast("origin-form", OriginForm.INSTANCE);
        pipeline.addLast("websocket", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(PATH)
                .subprotocols("mqtt," + AMQP_SUBPROTOCOL)
                .checkStartsWith(true) // the SDK adds ?iothub-no-client-cert=true for SAS
                .maxFramePayloadLength(maxPacketBytes + MQTT_FIXED_HEADER_BYTES)
                .build()));
        pipeline.addLast("not-websocket", NotFound.INSTANCE);
        pipeline.addLast("websocket-mqtt", FrameCodec.INSTANCE);
        pipeline.addLast("subprotocol", new SubprotocolSwitch(amqpEngine));
    }

    /**
     * The SDK's AMQP WebSocket client (qpid-proton-j-extensions) asks in absolute form,
     * {@code GET https://host:443/$iothub/websocket?… HTTP/1.1}; the handshake compares the path, so the request URI is
     * reduced to its origin form first.
     */
    @Sharable
    private static final class OriginForm extends ChannelInboundHandlerAdapter {

        static final OriginForm INSTANCE = new OriginForm();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request && !request.uri().startsWith("/")) {
                int scheme = request.uri().indexOf("://");
                int path = scheme < 0 ? -1 : request.uri().indexOf('/', scheme + 3);
                request.setUri(path < 0 ? "/" : request.uri().substring(path));
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** After the handshake: an {@value #AMQP_SUBPROTOCOL} client gets the AMQP engine instead of the MQTT handlers. */
    private static final class SubprotocolSwitch extends ChannelInboundHandlerAdapter {

        private final Consumer<ChannelPipeline> amqpEngine;

        SubprotocolSwitch(Consumer<ChannelPipeline> amqpEngine) {
            this.amqpEngine = amqpEngine;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete done) {
                ChannelPipeline pipeline = ctx.pipeline();
                if (AMQP_SUBPROTOCOL.equals(done.selectedSubprotocol())) {
                    for (String mqtt : MqttChannelInitializer.MQTT_HANDLERS) {
                        pipeline.remove(mqtt);
                    }
                    amqpEngine.accept(pipeline);
                }
                pipeline.remove(this);
            }
            super.userEventTriggered(ctx, event);
        }
    }

    /** Answers HTTP requests that are not the WebSocket upgrade on {@link #PATH} (which Netty passes on). */
    @Sharable
    private static final class NotFound extends SimpleChannelInboundHandler<FullHttpRequest> {

        static final NotFound INSTANCE = new NotFound();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
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
