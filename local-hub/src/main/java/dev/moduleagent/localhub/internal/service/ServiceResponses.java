package dev.moduleagent.localhub.internal.service;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Writes a {@link ServiceReply} as an HTTP/1.1 response with a JSON body. */
final class ServiceResponses {

    private ServiceResponses() {
    }

    static void write(ChannelHandlerContext ctx, ServiceReply reply, boolean keepAlive) {
        ChannelFuture written = ctx.writeAndFlush(response(reply, keepAlive));
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Answers a request whose body is still arriving, and closes the connection a little later: closing at once
     * with unread bytes in the socket makes the kernel send a reset, which can reach the client before the answer
     * and destroy it. Meanwhile the rest of the body is read and dropped by the caller.
     */
    static void writeThenClose(ChannelHandlerContext ctx, ServiceReply reply, long lingerMillis) {
        ctx.writeAndFlush(response(reply, false)).addListener(written ->
            ctx.executor().schedule(() -> ctx.channel().close(), lingerMillis, TimeUnit.MILLISECONDS));
    }

    private static FullHttpResponse response(ServiceReply reply, boolean keepAlive) {
        ByteBuf content = reply.body() == null ? Unpooled.EMPTY_BUFFER
            : Unpooled.copiedBuffer(reply.body().toString(), StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()), content);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        if (reply.body() != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        }
        reply.headers().forEach((name, value) -> response.headers().set(name, value));
        if (reply.etag() != null) {
            response.headers().set(HttpHeaderNames.ETAG, "\"" + reply.etag() + "\"");
        }
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
