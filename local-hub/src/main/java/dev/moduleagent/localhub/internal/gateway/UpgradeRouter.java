package dev.moduleagent.localhub.internal.gateway;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides on a connection's first request what the shared HTTPS port serves it, as IoT Hub's 443 does: a WebSocket
 * upgrade on {@value #WEBSOCKET_PATH} goes to the endpoint of the offered subprotocol, everything else to the REST
 * API. It installs the chosen handlers behind itself, removes itself and passes the request on.
 */
final class UpgradeRouter extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeRouter.class);
    /** The path IoT Hub serves WebSockets on (the SDKs may append a query, e.g. {@code ?iothub-no-client-cert=true}). */
    static final String WEBSOCKET_PATH = "/$iothub/websocket";

    private final HttpEndpoint rest;
    private final List<WebSocketEndpoint> webSockets;

    UpgradeRouter(HttpEndpoint rest, List<WebSocketEndpoint> webSockets) {
        this.rest = rest;
        this.webSockets = webSockets;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpRequest request)) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        toOriginForm(request);
        if (!isWebSocketUpgrade(request)) {
            rest.install(ctx.pipeline());
        } else {
            WebSocketEndpoint endpoint = endpointFor(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL));
            if (endpoint == null) {
                LOG.info("websocket refused remote={} reason=\"no supported subprotocol\" offered={}", ctx.channel().remoteAddress(),
                    request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL));
                ReferenceCountUtil.release(msg);
                refuse(ctx);
                return;
            }
            ctx.pipeline().remove(GatewayServer.TIMEOUTS_BYTES);   // the WebSocket protocol keeps its own time
            ctx.pipeline().remove(GatewayServer.TIMEOUTS_MESSAGES);
            endpoint.install(ctx.pipeline(), WEBSOCKET_PATH);
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(msg);
    }

    /**
     * The SDK's AMQP WebSocket client (qpid-proton-j-extensions) asks in absolute form,
     * {@code GET https://host:443/$iothub/websocket?… HTTP/1.1}; routing and the handshake compare the path, so the
     * request URI is reduced to its origin form (RFC 9112 3.2: a server must accept the absolute form).
     */
    private static void toOriginForm(HttpRequest request) {
        String uri = request.uri();
        if (uri.startsWith("/")) {
            return;
        }
        int scheme = uri.indexOf("://");
        int path = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
        request.setUri(path < 0 ? "/" : uri.substring(path));
    }

    private static boolean isWebSocketUpgrade(HttpRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return path.equals(WEBSOCKET_PATH)
            && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private WebSocketEndpoint endpointFor(String offered) {
        if (offered == null) {
            return null;
        }
        for (String name : offered.split(",")) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            for (WebSocketEndpoint endpoint : webSockets) {
                if (endpoint.subprotocol().toLowerCase(Locale.ROOT).equals(wanted)) {
                    return endpoint;
                }
            }
        }
        return null;
    }

    private static void refuse(ChannelHandlerContext ctx) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("https connection failed remote={} reason={}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
