package dev.moduleagent.localhub.internal.service;

import dev.moduleagent.localhub.internal.PipelineTracker;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.concurrent.TimeUnit;

/** The service API pipeline: TLS, HTTP/1.1 with bounded lines, headers and bodies (413 as JSON), an idle timeout. */
final class ServiceChannelInitializer extends ChannelInitializer<SocketChannel> {

    static final int MAX_BODY_BYTES = 128 * 1024;
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 16 * 1024;
    private static final int IDLE_SECONDS = 60;

    private final SslContext ssl;
    private final EventExecutorGroup handlers;
    private final ServiceAuthorizer authorizer;
    private final ServiceRoutes routes;
    private final ChannelGroup connections;
    private final PipelineTracker pipelines = new PipelineTracker();

    ServiceChannelInitializer(SslContext ssl, EventExecutorGroup handlers, ServiceAuthorizer authorizer, ServiceRoutes routes,
                              ChannelGroup connections) {
        this.ssl = ssl;
        this.handlers = handlers;
        this.authorizer = authorizer;
        this.routes = routes;
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        connections.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("tracker", pipelines);
        pipeline.addLast("tls", ssl.newHandler(channel.alloc()));
        pipeline.addLast("idle", new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS));
        pipeline.addLast("http", new HttpServerCodec(MAX_LINE, MAX_HEADERS, 8192));
        pipeline.addLast("aggregator", new BoundedAggregator());
        pipeline.addLast(handlers, "service", new ServiceRequestHandler(authorizer, routes));
    }

    PipelineTracker pipelines() {
        return pipelines;
    }

    /**
     * Answers an oversized body with a JSON 413 and closes the connection {@value #LINGER_MILLIS} ms later; until then
     * the aggregator drops what is still coming of that body, so the client reads the 413 instead of a reset.
     */
    private static final class BoundedAggregator extends HttpObjectAggregator {

        private static final long LINGER_MILLIS = 1000;

        BoundedAggregator() {
            super(MAX_BODY_BYTES);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpMessage oversized) {
            ServiceResponses.writeThenClose(ctx, ServiceReply.error(413, "RequestEntityTooLarge",
                "the request body exceeds " + MAX_BODY_BYTES + " bytes"), LINGER_MILLIS);
        }
    }
}
