package dev.moduleagent.localhub.internal.service;

import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.gateway.HttpEndpoint;
import dev.moduleagent.localhub.internal.sas.AccessPolicies;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.util.concurrent.EventExecutorGroup;

/**
 * The REST side of the shared HTTPS port (IoT Hub's service API shapes, with SAS authentication by policy): bodies
 * bounded to {@value #MAX_BODY_BYTES} bytes (413 as JSON), then routing on the hub's executor group; requests that
 * outlast the header timeout are answered 408 as JSON.
 */
public final class ServiceEndpoint implements HttpEndpoint {

    static final int MAX_BODY_BYTES = 128 * 1024;
    /** How long a 408 waits before the close, so that the client reads it, not a reset. */
    private static final long TIMEOUT_LINGER_MILLIS = 500;

    private final EventExecutorGroup handlers;
    private final ServiceAuthorizer authorizer;
    private final ServiceRoutes routes;

    public ServiceEndpoint(HubCore core, EventExecutorGroup handlers, AccessPolicies policies) {
        this.handlers = handlers;
        this.authorizer = new ServiceAuthorizer(core.hostName(), policies, core.identities(), core.clock());
        this.routes = new ServiceRoutes(core, policies);
    }

    @Override
    public void install(ChannelPipeline pipeline) {
        pipeline.addLast("aggregator", new BoundedAggregator());
        pipeline.addLast(handlers, "service", new ServiceRequestHandler(authorizer, routes));
    }

    @Override
    public void answerHeaderTimeout(ChannelHandlerContext http, long millis) {
        ServiceResponses.writeThenClose(http, ServiceReply.error(408, "RequestTimeout",
            "the request line and headers did not arrive within " + millis + " ms"), TIMEOUT_LINGER_MILLIS);
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
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            ServiceResponses.writeThenClose(ctx, ServiceReply.error(413, "RequestEntityTooLarge",
                "the request body exceeds " + MAX_BODY_BYTES + " bytes"), LINGER_MILLIS);
        }
    }
}
