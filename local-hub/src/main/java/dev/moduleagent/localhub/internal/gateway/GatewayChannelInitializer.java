package dev.moduleagent.localhub.internal.gateway;

import dev.moduleagent.localhub.internal.PipelineTracker;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared HTTPS pipeline: TLS, an idle timeout, HTTP/1.1 with bounded request line and headers, then the
 * {@link UpgradeRouter}. Connections beyond {@value #MAX_CONNECTIONS} are closed at once.
 */
final class GatewayChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayChannelInitializer.class);
    static final String HTTP_IDLE = "http-idle";
    static final int MAX_CONNECTIONS = 10_000;
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 16 * 1024;
    private static final int IDLE_SECONDS = 60;

    private final SslContext ssl;
    private final HttpEndpoint rest;
    private final List<WebSocketEndpoint> webSockets;
    private final ChannelGroup connections;
    private final PipelineTracker pipelines = new PipelineTracker();
    private final AtomicInteger open = new AtomicInteger();

    GatewayChannelInitializer(SslContext ssl, HttpEndpoint rest, List<WebSocketEndpoint> webSockets, ChannelGroup connections) {
        this.ssl = ssl;
        this.rest = rest;
        this.webSockets = List.copyOf(webSockets);
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (open.incrementAndGet() > MAX_CONNECTIONS) {
            open.decrementAndGet();
            LOG.info("connection refused remote={} reason=more than {} https connections", channel.remoteAddress(), MAX_CONNECTIONS);
            channel.close();
            return;
        }
        channel.closeFuture().addListener(f -> open.decrementAndGet());
        connections.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("tracker", pipelines);
        pipeline.addLast("tls", ssl.newHandler(channel.alloc()));
        pipeline.addLast(HTTP_IDLE, new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS));
        pipeline.addLast("http", new HttpServerCodec(MAX_LINE, MAX_HEADERS, 8192));
        pipeline.addLast("router", new UpgradeRouter(rest, webSockets));
    }

    PipelineTracker pipelines() {
        return pipelines;
    }
}
