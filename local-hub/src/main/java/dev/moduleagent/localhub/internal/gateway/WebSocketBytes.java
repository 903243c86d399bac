package dev.moduleagent.localhub.internal.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * For binary protocols in WebSocket frames (MQTT, AMQP): binary (and continuation) frames become the byte stream the
 * protocol's decoder reads, and its bytes go out as binary frames. A text frame closes the connection; control frames
 * (ping, close) are answered by Netty's WebSocket handler before this.
 */
@Sharable
public final class WebSocketBytes extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

    public static final WebSocketBytes INSTANCE = new WebSocketBytes();

    private WebSocketBytes() {
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
        out.add(new BinaryWebSocketFrame(bytes.retain()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            out.add(frame.content().retain());
        } else {
            ctx.close(); // a text frame: not a binary protocol
        }
    }
}
