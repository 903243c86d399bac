package dev.moduleagent.localhub.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound listener (MQTT/TLS, or the shared HTTPS port): admits at most a bounded number of connections (closing
 * the rest at once), tracks every pipeline so that {@link #close()} can wait until they are torn down, and closes
 * them all with itself. What runs on a connection is the caller's pipeline.
 */
public final class TlsListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TlsListener.class);

    private final String name;
    private final Channel listener;
    private final ChannelGroup connections;
    private final PipelineTracker pipelines;

    private TlsListener(String name, Channel listener, ChannelGroup connections, PipelineTracker pipelines) {
        this.name = name;
        this.listener = listener;
        this.connections = connections;
        this.pipelines = pipelines;
    }

    /**
     * Binds; returns once the listener accepts connections.
     *
     * @param pipeline adds the connection's handlers (TLS first) after the tracker
     */
    public static TlsListener start(String name, NetworkThreads threads, InetSocketAddress address, int maxConnections,
                                    Consumer<SocketChannel> pipeline) throws ListenerBinding.BindFailure, InterruptedException {
        ChannelGroup connections = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE);
        PipelineTracker pipelines = new PipelineTracker();
        AtomicInteger open = new AtomicInteger();
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(threads.boss(), threads.workers())
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    if (open.incrementAndGet() > maxConnections) {
                        open.decrementAndGet();
                        LOG.info("connection refused listener={} remote={} reason=\"more than {} connections\"", name,
                            channel.remoteAddress(), maxConnections);
                        channel.close();
                        return;
                    }
                    channel.closeFuture().addListener(f -> open.decrementAndGet());
                    connections.add(channel);
                    channel.pipeline().addLast("tracker", pipelines);
                    pipeline.accept(channel);
                }
            });
        Channel listener = ListenerBinding.bind(bootstrap, address);
        TlsListener bound = new TlsListener(name, listener, connections, pipelines);
        LOG.info("listener listening name={} address={}:{}", name, address.getHostString(), bound.port());
        return bound;
    }

    /** The port actually bound (useful when 0 was asked for). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Stops accepting and closes every connection (authenticated or not). */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
        if (!pipelines.awaitNone(5000)) {
            LOG.warn("listener connections still closing name={} waitedSeconds=5", name);
        }
    }
}
