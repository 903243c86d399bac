package dev.moduleagent.localhub.internal.mqtt;

import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.NetworkThreads;
import dev.moduleagent.localhub.internal.PipelineTracker;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The device-facing MQTT/TLS listener. */
public final class MqttServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttServer.class);

    private final Channel listener;
    private final ChannelGroup connections;
    private final PipelineTracker pipelines;

    private MqttServer(Channel listener, ChannelGroup connections, PipelineTracker pipelines) {
        this.listener = listener;
        this.connections = connections;
        this.pipelines = pipelines;
    }

    /**
     * Binds the listener; returns once it accepts connections.
     *
     * @param amqpEngine null for MQTT directly over TLS; otherwise the listener speaks WebSockets
     *                   ({@code wss://host/$iothub/websocket}) and this adds the AMQP engine to a pipeline whose client
     *                   chose the subprotocol {@code AMQPWSB10} instead of {@code mqtt}
     */
    public static MqttServer start(HubCore core, NetworkThreads threads, SslContext ssl, InetSocketAddress address,
        Consumer<ChannelPipeline> amqpEngine) throws InterruptedException {
        boolean webSockets = amqpEngine != null;
        ConnectAuthorizer authorizer = new ConnectAuthorizer(core.authenticator(), core.clock());
        PublishRouter router = new PublishRouter(core.twins(), core.methods(), core.telemetry());
        MqttHubContext context = new MqttHubContext(authorizer, core.sessions(), new Subscriptions(core.sessions()), router, core.clock());
        ChannelGroup connections = new DefaultChannelGroup("mqtt", GlobalEventExecutor.INSTANCE);
        MqttChannelInitializer initializer = new MqttChannelInitializer(ssl, threads.handlers(), context, connections,
            amqpEngine);
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(threads.boss(), threads.workers())
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(initializer);
        Channel listener = bootstrap.bind(address).sync().channel();
        LOG.info("mqtt{} listening address={}:{}", webSockets ? " over websockets" : "", address.getHostString(),
            address.getPort());
        return new MqttServer(listener, connections, initializer.pipelines());
    }

    /** Stops accepting and closes every connection (authenticated or not). */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
        if (!pipelines.awaitNone(5000)) {
            LOG.warn("mqtt connections still closing after 5 s");
        }
    }
}
