package dev.moduleagent.localhub.internal.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS port's connection timeouts for REST requests, per connection. Idle: no request in progress and no byte for
 * {@code idle} closes the connection (also while a request body stalls). Header: from the first byte of a request,
 * its request line and headers must be complete within {@code header}, however slowly the bytes trickle in, else the
 * client gets a 408 and the connection closes. While a request is being answered (a direct method may take minutes)
 * no timer runs. Two handlers share this state: {@link #bytes()} sits before the HTTP codec and sees raw bytes,
 * {@link #messages()} after it and sees decoded requests and the responses written. The {@link HttpEndpoint} answers
 * the header timeout in its own form. Both handlers leave the pipeline when it becomes a WebSocket ({@link UpgradeRouter}).
 */
final class RequestTimeouts {

    private static final Logger LOG = LoggerFactory.getLogger(RequestTimeouts.class);

    private enum Phase { AWAITING, HEADERS, BODY, ANSWERING, CLOSING }

    private final long headerMillis;
    private final long idleMillis;
    private final HttpEndpoint endpoint;
    private Phase phase = Phase.AWAITING;
    private ScheduledFuture<?> timer;
    /** The context after the HTTP codec: what is written there is encoded as HTTP. */
    private ChannelHandlerContext http;

    RequestTimeouts(Duration header, Duration idle, HttpEndpoint endpoint) {
        this.headerMillis = header.toMillis();
        this.idleMillis = idle.toMillis();
        this.endpoint = endpoint;
    }

    /** Before the HTTP codec: raw bytes start a request's header clock, or reset the idle clock. */
    ChannelInboundHandlerAdapter bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) throws Exception {
                idle(ctx);
                super.channelActive(ctx);
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    if (phase == Phase.AWAITING) {
                        phase = Phase.HEADERS;
                        schedule(ctx, headerMillis, RequestTimeouts.this::headerTimeout);
                    } else if (phase == Phase.BODY) {
                        idle(ctx);
                    }
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                cancel();
                super.channelInactive(ctx);
            }

            @Override
            public void handlerRemoved(ChannelHandlerContext ctx) {
                cancel();
            }
        };
    }

    /** After the HTTP codec: complete headers stop the header clock; a written response starts the idle clock. */
    ChannelDuplexHandler messages() {
        return new ChannelDuplexHandler() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                http = ctx;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof HttpRequest && phase == Phase.HEADERS) {
                    phase = Phase.BODY;
                    idle(ctx);
                }
                if (msg instanceof LastHttpContent && phase == Phase.BODY) {
                    phase = Phase.ANSWERING;
                    cancel();
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                if (msg instanceof LastHttpContent) {
                    promise.addListener(written -> answered(ctx));
                }
                super.write(ctx, msg, promise);
            }
        };
    }

    private void answered(ChannelHandlerContext ctx) {
        if (phase == Phase.ANSWERING && ctx.channel().isActive()) {
            phase = Phase.AWAITING;
            idle(ctx);
        }
    }

    private void idle(ChannelHandlerContext ctx) {
        schedule(ctx, idleMillis, () -> {
            LOG.debug("https connection idle, closing remote={}", ctx.channel().remoteAddress());
            ctx.channel().close();
        });
    }

    private void headerTimeout() {
        LOG.info("https request headers incomplete waitedMs={} remote={}", headerMillis, http.channel().remoteAddress());
        phase = Phase.CLOSING;
        endpoint.answerHeaderTimeout(http, headerMillis);
    }

    private void schedule(ChannelHandlerContext ctx, long millis, Runnable action) {
        cancel();
        timer = ctx.executor().schedule(action, millis, TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
