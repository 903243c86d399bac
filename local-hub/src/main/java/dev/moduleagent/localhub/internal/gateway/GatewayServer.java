package dev.moduleagent.localhub.internal.gateway;

import dev.moduleagent.localhub.internal.ListenerBinding;
import dev.moduleagent.localhub.internal.NetworkThreads;
import dev.moduleagent.localhub.internal.PipelineTracker;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTPS listener serving what IoT Hub serves on 443: the REST API, and protocols in WebSocket frames on
 * {@code /$iothub/websocket} chosen by subprotocol. Further WebSocket protocols are added as endpoints.
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final Channel listener;
    private final ChannelGroup connections;
    private final PipelineTracker pipelines;

    private GatewayServer(Channel listener, ChannelGroup connections, PipelineTracker pipelines) {
        this.listener = listener;
        this.connections = connections;
        this.pipelines = pipelines;
    }

    /** Binds the listener; throws {@link ListenerBinding.BindFailure} naming the address and port when it cannot. */
    public static GatewayServer start(NetworkThreads threads, SslContext ssl, InetSocketAddress address, HttpEndpoint rest,
                                      List<WebSocketEndpoint> webSockets) throws ListenerBinding.BindFailure, InterruptedException {
        ChannelGroup connections = new DefaultChannelGroup("https", GlobalEventExecutor.INSTANCE);
        GatewayChannelInitializer initializer = new GatewayChannelInitializer(ssl, rest, webSockets, connections);
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(threads.boss(), threads.workers())
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(initializer);
        Channel listener = ListenerBinding.bind(bootstrap, address);
        LOG.info("https listening address={}:{} websocketSubprotocols={}", address.getHostString(),
            ((InetSocketAddress) listener.localAddress()).getPort(), webSockets.stream().map(WebSocketEndpoint::subprotocol).toList());
        return new GatewayServer(listener, connections, initializer.pipelines());
    }

    /** The port actually bound (useful when 0 was asked for). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
        if (!pipelines.awaitNone(5000)) {
            LOG.warn("https connections still closing after 5 s");
        }
    }
}
