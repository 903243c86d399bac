package dev.moduleagent.localhub.internal.est;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.concurrent.TimeUnit;

/** The EST pipeline: TLS (client certificate optional), HTTP/1.1 with small bounded lines, headers and bodies, an idle timeout. */
final class EstChannelInitializer {

    /** A base64 PKCS#10 request of an RSA-4096 key is under 3 KB. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int MAX_LINE = 4 * 1024;
    private static final int MAX_HEADERS = 8 * 1024;
    private static final int IDLE_SECONDS = 30;

    private EstChannelInitializer() {
    }

    /** Adds the EST handlers to a new connection's pipeline (after {@link dev.moduleagent.localhub.internal.TlsListener}'s tracker). */
    static void addHandlers(SocketChannel channel, SslContext ssl, EventExecutorGroup handlers, EstOperations operations) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("tls", ssl.newHandler(channel.alloc()));
        pipeline.addLast("idle", new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS));
        pipeline.addLast("http", new HttpServerCodec(MAX_LINE, MAX_HEADERS, 8192));
        pipeline.addLast("aggregator", new BoundedAggregator());
        pipeline.addLast(handlers, "est", new EstRequestHandler(operations));
    }

    /** Answers an oversized body with 413 and closes the connection after a short linger (the rest is dropped). */
    private static final class BoundedAggregator extends HttpObjectAggregator {

        BoundedAggregator() {
            super(MAX_BODY_BYTES);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            EstRequestHandler.write(ctx, EstReply.error(413, "the request body exceeds " + MAX_BODY_BYTES + " bytes"), false);
        }
    }
}
