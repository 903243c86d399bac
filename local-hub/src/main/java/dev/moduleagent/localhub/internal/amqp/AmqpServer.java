package dev.moduleagent.localhub.internal.amqp;

import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.NetworkThreads;
import dev.moduleagent.localhub.internal.PipelineTracker;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device-facing AMQP 1.0 over TLS listener (the SDK's {@code AMQPS}, always port 5671): TLS with the hub's server
 * certificate and an optional client certificate (the X.509 credential, judged per identity when its first link
 * attaches), then Proton-J's engine. At most {@value #MAX_CONNECTIONS} connections.
 */
public final class AmqpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpServer.class);
    static final int MAX_CONNECTIONS = 10_000;

    private final Channel listener;
    private final ChannelGroup connections;
    private final PipelineTracker pipelines;

    private AmqpServer(Channel listener, ChannelGroup connections, PipelineTracker pipelines) {
        this.listener = listener;
        this.connections = connections;
        this.pipelines = pipelines;
    }

    /** Binds the listener; returns once it accepts connections. */
    public static AmqpServer start(HubCore core, NetworkThreads threads, SslContext ssl, InetSocketAddress address)
        throws InterruptedException {
        ChannelGroup connections = new DefaultChannelGroup("amqp", GlobalEventExecutor.INSTANCE);
        PipelineTracker pipelines = new PipelineTracker();
        AtomicInteger open = new AtomicInteger();
        ChannelInitializer<SocketChannel> initializer = new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                if (open.incrementAndGet() > MAX_CONNECTIONS) {
                    open.decrementAndGet();
                    LOG.info("connection refused remote={} reason=more than {} amqp connections", channel.remoteAddress(), MAX_CONNECTIONS);
                    channel.close();
                    return;
                }
                channel.closeFuture().addListener(f -> open.decrementAndGet());
                connections.add(channel);
                ChannelPipeline pipeline = channel.pipeline();
                pipeline.addLast("tracker", pipelines);
                pipeline.addLast("tls", ssl.newHandler(channel.alloc()));
                addEngine(pipeline, threads.handlers(), core);
            }
        };
        Channel listener = new ServerBootstrap()
            .group(threads.boss(), threads.workers())
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(initializer)
            .bind(address).sync().channel();
        LOG.info("amqp listening address={}:{}", address.getHostString(), address.getPort());
        return new AmqpServer(listener, connections, pipelines);
    }

    /**
     * Adds the AMQP engine at the end of a pipeline whose bytes are AMQP: after TLS here, after the WebSocket framing
     * on the WebSocket listener when the client chose the subprotocol {@code AMQPWSB10}.
     */
    public static void addEngine(ChannelPipeline pipeline, EventExecutorGroup handlers, HubCore core) {
        pipeline.addLast(handlers, "amqp", new AmqpTransportHandler(core));
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
        if (!pipelines.awaitNone(5000)) {
            LOG.warn("amqp connections still closing after 5 s");
        }
    }
}
