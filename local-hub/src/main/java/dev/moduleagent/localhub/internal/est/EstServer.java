package dev.moduleagent.localhub.internal.est;

import dev.moduleagent.localhub.internal.NetworkThreads;
import dev.moduleagent.localhub.internal.identity.CaRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The EST (RFC 7030) listener: {@code https://<bind>:<port>/.well-known/est/…}, issuing from the {@link EstCa}. */
public final class EstServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EstServer.class);

    private final Channel listener;
    private final ChannelGroup connections;
    private final EstChannelInitializer initializer;

    private EstServer(Channel listener, ChannelGroup connections, EstChannelInitializer initializer) {
        this.listener = listener;
        this.connections = connections;
        this.initializer = initializer;
    }

    /**
     * @param ssl a server context that requests (but does not require) a client certificate and lets any through:
     *            the EST operations judge it
     */
    public static EstServer start(EstCa ca, Path dataDir, CaRegistry registry, NetworkThreads threads, SslContext ssl,
                                  InetSocketAddress address) throws InterruptedException {
        EstOperations operations = new EstOperations(ca, new EstAccess(dataDir), registry, Clock.systemUTC());
        ChannelGroup connections = new DefaultChannelGroup("est", GlobalEventExecutor.INSTANCE);
        EstChannelInitializer initializer = new EstChannelInitializer(ssl, threads.handlers(), operations, connections);
        Channel listener = new ServerBootstrap()
            .group(threads.boss(), threads.workers())
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childHandler(initializer)
            .bind(address).sync().channel();
        EstServer server = new EstServer(listener, connections, initializer);
        LOG.info("EST server listening url=https://{}:{}/.well-known/est", address.getHostString(), server.port());
        return server;
    }

    /** @return the port actually bound */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
        if (!initializer.pipelines().awaitNone(5000)) {
            LOG.warn("EST connections still closing after 5 s");
        }
    }
}
