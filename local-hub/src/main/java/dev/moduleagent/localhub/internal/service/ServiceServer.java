package dev.moduleagent.localhub.internal.service;

import dev.moduleagent.localhub.HubConfig;
import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.NetworkThreads;
import dev.moduleagent.localhub.internal.PipelineTracker;
import dev.moduleagent.localhub.internal.sas.AccessPolicies;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTPS service API listener (the IoT Hub service REST API's shapes, with SAS authentication by policy). */
public final class ServiceServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceServer.class);

    private final Channel listener;
    private final ChannelGroup connections;
    private final PipelineTracker pipelines;

    private ServiceServer(Channel listener, ChannelGroup connections, PipelineTracker pipelines) {
        this.listener = listener;
        this.connections = connections;
        this.pipelines = pipelines;
    }

    public static ServiceServer start(HubCore core, NetworkThreads threads, SslContext ssl, InetSocketAddress address,
                                      AccessPolicies policies, HubConfig.ServiceTimeouts timeouts) throws InterruptedException {
        ServiceAuthorizer authorizer = new ServiceAuthorizer(core.hostName(), policies, core.identities(), core.clock());
        ServiceRoutes routes = new ServiceRoutes(core, policies);
        ChannelGroup connections = new DefaultChannelGroup("service", GlobalEventExecutor.INSTANCE);
        ServiceChannelInitializer initializer = new ServiceChannelInitializer(ssl, threads.handlers(), authorizer, routes, connections,
            timeouts);
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(threads.boss(), threads.workers())
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childHandler(initializer);
        Channel listener = bootstrap.bind(address).sync().channel();
        LOG.info("service API listening address={}:{}", address.getHostString(), ((InetSocketAddress) listener.localAddress()).getPort());
        return new ServiceServer(listener, connections, initializer.pipelines());
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
            LOG.warn("service connections still closing after 5 s");
        }
    }
}
