package dev.moduleagent.localhub.internal.amqp;

import dev.moduleagent.localhub.internal.HubCore;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty end of an AMQP connection: bytes (after TLS, or unwrapped from WebSocket frames) go into the connection's
 * Proton engine, a timer ticks it. Runs on a hub executor, not on the I/O thread, because it touches the database.
 */
final class AmqpTransportHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpTransportHandler.class);
    private static final long TICK_MILLIS = 1000;

    private final HubCore core;
    private AmqpConnection connection;
    private ScheduledFuture<?> ticks;

    AmqpTransportHandler(HubCore core) {
        this.core = core;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connection = new AmqpConnection(ctx, core);
        ticks = ctx.executor().scheduleAtFixedRate(connection::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof ByteBuf bytes) {
                connection.input(bytes);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ticks.cancel(false);
        connection.closed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause.getCause() != null ? cause.getCause() : cause;
        LOG.info("amqp connection failed remote={} reason=\"{}: {}\"", ctx.channel().remoteAddress(),
            root.getClass().getSimpleName(), String.valueOf(root.getMessage()).lines().findFirst().orElse(""));
        LOG.debug("amqp connection failure detail", cause);
        ctx.close();
    }
}
