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
 *
 * <p>The state follows what the codec decoded, not the order in which bytes and write completions arrive: a request
 * whose headers were decoded is never answered 408 (an earlier version could lose track when the next request's
 * first bytes arrived before the previous answer's write completed, and then answered 408 to a request it was
 * applying — the client retried a PATCH that had been applied). Everything runs on the channel's event loop.
 */
final class RequestTimeouts {

    private static final Logger LOG = LoggerFactory.getLogger(RequestTimeouts.class);

    private final long headerMillis;
    private final long idleMillis;
    private final HttpEndpoint endpoint;
    /** The header clock runs: bytes of a request arrived and its headers were not decoded yet. */
    private boolean awaitingHeaders;
    /** A request's headers were decoded and the end of its body was not. */
    private boolean readingBody;
    /** Requests received whole whose answer was not written yet. */
    private int unanswered;
    private boolean closing;
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
                if (msg instanceof ByteBuf bytes && bytes.isReadable() && !closing) {
                    if (readingBody) {
                        idle(ctx);
                    } else if (!awaitingHeaders && unanswered == 0) {
                        awaitingHeaders = true;
                        schedule(ctx, headerMillis, RequestTimeouts.this::headerTimeout);
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

    /** After the HTTP codec: decoded headers stop the header clock; a written answer starts the idle clock. */
    ChannelDuplexHandler messages() {
        return new ChannelDuplexHandler() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                http = ctx;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof HttpRequest) {
                    awaitingHeaders = false;
                    readingBody = true;
                    idle(ctx);
                }
                if (msg instanceof LastHttpContent && readingBody) {
                    readingBody = false;
                    unanswered++;
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
        unanswered = Math.max(0, unanswered - 1);
        if (unanswered == 0 && !readingBody && !awaitingHeaders && ctx.channel().isActive()) {
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
        if (!awaitingHeaders || readingBody || unanswered > 0 || closing) {
            return;
        }
        LOG.info("https request headers incomplete waitedMs={} remote={}", headerMillis, http.channel().remoteAddress());
        awaitingHeaders = false;
        closing = true;
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
