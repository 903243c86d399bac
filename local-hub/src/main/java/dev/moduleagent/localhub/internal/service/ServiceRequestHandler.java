package dev.moduleagent.localhub.internal.service;

import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.gateway.GatewayServer;
import dev.moduleagent.localhub.internal.store.StoreException;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Authenticates and routes one service API request, and writes the JSON answer (also for asynchronous method calls). */
final class ServiceRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRequestHandler.class);
    /** How long an answer to a malformed request waits before the close, so that the client reads it, not a reset. */
    private static final long LINGER_MILLIS = 500;

    private static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";

    private final ServiceAuthorizer authorizer;
    private final ServiceRoutes routes;

    ServiceRequestHandler(ServiceAuthorizer authorizer, ServiceRoutes routes) {
        this.authorizer = authorizer;
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            if (!ctx.channel().isActive()) {
                return;   // the decoder's note that the connection ended mid-request: nobody to answer
            }
            ServiceReply reply = malformed(request.decoderResult().cause());
            LOG.info("service request refused status={} reason=\"{}\"", reply.status(), reply.body());
            ServiceResponses.writeThenClose(ctx, reply, LINGER_MILLIS);
            return;
        }
        ServiceRequest parsed;
        try {
            parsed = ServiceRequest.of(method(request), request.uri(), request.headers().get(HttpHeaderNames.IF_MATCH),
                ByteBufUtil.getBytes(request.content()), passedHeaders(request));
        } catch (IllegalArgumentException badUri) {   // e.g. a broken %-escape in the path or query
            ServiceResponses.write(ctx, ServiceReply.error(400, "ArgumentInvalid",
                "the request URI cannot be decoded: " + badUri.getMessage()), keepAlive);
            return;
        }
        String refusal = authorizer.refusal(request.headers().get(HttpHeaderNames.AUTHORIZATION), parsed);
        if (refusal != null) {
            LOG.info("service request refused method={} path={} status=401 reason=\"{}\"", request.method(), path(request), refusal);
            ServiceResponses.write(ctx, ServiceReply.error(401, "IotHubUnauthorizedAccess", refusal), keepAlive);
            return;
        }
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
                LOG.info("service request failed method={} path=/{} status={} reason=\"{}\"", request.method(),
                    String.join("/", request.path()), refusal.status(), refusal.getMessage());
            }
            return ServiceReply.of(refusal);
        }
        LOG.warn("service request failed method={} path=/{} reason=\"{}\"", request.method(), String.join("/", request.path()), cause.toString());
        return ServiceReply.error(500, "ServerError", "the hub failed: " + cause.getMessage());
    }

    private static String path(FullHttpRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return path.length() > 200 ? path.substring(0, 200) : path;
    }

    /**
     * What Netty's decoder refused: a request line over its bound is 414, headers over theirs 431 (RFC 6585), anything
     * else 400. The connection closes after the answer (the rest of the request is not worth reading).
     */
    private static ServiceReply malformed(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return ServiceReply.error(414, "RequestUriTooLong",
                "the request line exceeds " + GatewayServer.MAX_LINE + " bytes");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return ServiceReply.error(431, "RequestHeaderFieldsTooLarge",
                "the request headers exceed " + GatewayServer.MAX_HEADERS + " bytes");
        }
        return ServiceReply.error(400, "ArgumentInvalid", "malformed HTTP request: " + String.valueOf(cause.getMessage()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("service connection failed remote={} reason={}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
