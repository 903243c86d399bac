package dev.moduleagent.localhub.internal.service;

import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.store.StoreException;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Authenticates and routes one service API request, and writes the JSON answer (also for asynchronous method calls). */
final class ServiceRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRequestHandler.class);

    private static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";

    private final OwnerAuthorizer authorizer;
    private final ServiceRoutes routes;

    ServiceRequestHandler(OwnerAuthorizer authorizer, ServiceRoutes routes) {
        this.authorizer = authorizer;
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            ServiceResponses.write(ctx, ServiceReply.error(400, "ArgumentInvalid", "malformed HTTP request"), false);
            return;
        }
        String refusal = authorizer.refusal(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (refusal != null) {
            LOG.info("service request refused method={} path={} status=401 reason={}", request.method(), path(request), refusal);
            ServiceResponses.write(ctx, ServiceReply.error(401, "IotHubUnauthorizedAccess", refusal), keepAlive);
            return;
        }
        ServiceRequest parsed = ServiceRequest.of(method(request), request.uri(), request.headers().get(HttpHeaderNames.IF_MATCH),
            ByteBufUtil.getBytes(request.content()), passedHeaders(request));
        dispatch(parsed).whenComplete((reply, error) -> {
            ServiceReply answer = error == null ? reply : failure(parsed, error);
            LOG.debug("service request method={} path={} status={}", parsed.method(), path(request), answer.status());
            ServiceResponses.write(ctx, answer, keepAlive);
        });
    }

    /** The SDKs send PATCH as POST with {@code X-HTTP-Method-Override: PATCH} (HttpsURLConnection has no PATCH). */
    private static HttpMethod method(FullHttpRequest request) {
        String override = request.headers().get(METHOD_OVERRIDE);
        if (request.method().equals(HttpMethod.POST) && override != null && override.equalsIgnoreCase("PATCH")) {
            return HttpMethod.PATCH;
        }
        return request.method();
    }

    private static Map<String, String> passedHeaders(FullHttpRequest request) {
        Map<String, String> headers = new HashMap<>();
        for (String name : ServiceRequest.PASSED_HEADERS) {
            String value = request.headers().get(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }

    private CompletableFuture<ServiceReply> dispatch(ServiceRequest request) {
        try {
            return routes.route(request);
        } catch (Refusal | StoreException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static ServiceReply failure(ServiceRequest request, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof Refusal refusal) {
            if (refusal.status() >= 500 || refusal.status() == 413) {
                LOG.info("service request failed method={} path=/{} status={} reason={}", request.method(),
                    String.join("/", request.path()), refusal.status(), refusal.getMessage());
            }
            return ServiceReply.of(refusal);
        }
        LOG.warn("service request failed method={} path=/{} reason={}", request.method(), String.join("/", request.path()), cause.toString());
        return ServiceReply.error(500, "ServerError", "the hub failed: " + cause.getMessage());
    }

    private static String path(FullHttpRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return path.length() > 200 ? path.substring(0, 200) : path;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("service connection failed remote={} reason={}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
