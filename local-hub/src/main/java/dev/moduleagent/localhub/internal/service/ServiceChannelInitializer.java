package dev.moduleagent.localhub.internal.service;

import dev.moduleagent.localhub.HubConfig;
import dev.moduleagent.localhub.internal.PipelineTracker;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutorGroup;

/**
 * The service API pipeline: TLS, HTTP/1.1 with bounded lines (414), headers (431) and bodies (413), all answered as
 * JSON, and header and idle timeouts ({@link RequestTimeouts}).
 */
final class ServiceChannelInitializer extends ChannelInitializer<SocketChannel> {

    static final int MAX_BODY_BYTES = 128 * 1024;
    static final int MAX_LINE = 8 * 1024;
    static final int MAX_HEADERS = 16 * 1024;

    private final SslContext ssl;
    private final EventExecutorGroup handlers;
    private final ServiceAuthorizer authorizer;
    private final ServiceRoutes routes;
    private final ChannelGroup connections;
    private final HubConfig.ServiceTimeouts timeouts;
    private final PipelineTracker pipelines = new PipelineTracker();

    ServiceChannelInitializer(SslContext ssl, EventExecutorGroup handlers, ServiceAuthorizer authorizer, ServiceRoutes routes,
                              ChannelGroup connections, HubConfig.ServiceTimeouts timeouts) {
        this.ssl = ssl;
        this.handlers = handlers;
        this.authorizer = authorizer;
        this.routes = routes;
        this.connections = connections;
        this.timeouts = timeouts;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        connections.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("tracker", pipelines);
        pipeline.addLast("tls", ssl.newHandler(channel.alloc()));
        RequestTimeouts requestTimeouts = new RequestTimeouts(timeouts.header(), timeouts.idle());
        pipeline.addLast("timeouts-bytes", requestTimeouts.bytes());
        pipeline.addLast("http", new HttpServerCodec(MAX_LINE, MAX_HEADERS, 8192));
        pipeline.addLast("timeouts-messages", requestTimeouts.messages());
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
