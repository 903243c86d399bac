package dev.moduleagent.localhub.internal.est;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes one EST request ({@code /.well-known/est[/label]/<operation>}) and writes the answer. */
final class EstRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(EstRequestHandler.class);
    private static final Pattern PATH = Pattern.compile("/\\.well-known/est(?:/[0-9A-Za-z_\\-.~]{1,64})?/([a-z]{1,20})");

    private final EstOperations operations;

    EstRequestHandler(EstOperations operations) {
        this.operations = operations;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        EstReply reply;
        try {
            reply = route(ctx, request);
        } catch (IOException | RuntimeException e) {
            LOG.warn("est request failed uri={} reason=\"{}\"", shortUri(request), e.toString());
            reply = EstReply.error(500, "the EST server failed: " + e.getMessage());
        }
        LOG.debug("est request method={} uri={} status={}", request.method(), shortUri(request), reply.status());
        write(ctx, reply, keepAlive);
    }

    private EstReply route(ChannelHandlerContext ctx, FullHttpRequest request) throws IOException {
        if (request.decoderResult().isFailure()) {
            return EstReply.error(400, "malformed HTTP request");
        }
        String uri = request.uri();
        int query = uri.indexOf('?');
        Matcher matcher = PATH.matcher(query < 0 ? uri : uri.substring(0, query));
        if (!matcher.matches()) {
            return EstReply.error(404, "not an EST path: use /.well-known/est/{cacerts,simpleenroll,simplereenroll,csrattrs}");
        }
        String operation = matcher.group(1);
        HttpMethod method = request.method();
        byte[] body = ByteBufUtil.getBytes(request.content());
        switch (operation) {
            case "cacerts":
                return method.equals(HttpMethod.GET) ? operations.cacerts() : notAllowed("GET");
            case "csrattrs":
                return method.equals(HttpMethod.GET) ? operations.csrattrs() : notAllowed("GET");
            case "simpleenroll":
                return method.equals(HttpMethod.POST)
                    ? operations.enroll(body, peerChain(ctx), request.headers().get(HttpHeaderNames.AUTHORIZATION)) : notAllowed("POST");
            case "simplereenroll":
                return method.equals(HttpMethod.POST) ? operations.reenroll(body, peerChain(ctx)) : notAllowed("POST");
            default:
                return EstReply.error(404, "EST operation '" + operation + "' is not offered (cacerts, simpleenroll, simplereenroll, csrattrs)");
        }
    }

    private static EstReply notAllowed(String allowed) {
        return EstReply.error(405, "use " + allowed);
    }

    private static List<X509Certificate> peerChain(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate certificate : ssl.engine().getSession().getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
        return chain;
    }

    static void write(ChannelHandlerContext ctx, EstReply reply, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()),
            Unpooled.wrappedBuffer(reply.body()));
        reply.headers().forEach((name, value) -> response.headers().set(name, value));
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        response.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String shortUri(FullHttpRequest request) {
        String uri = request.uri();
        return uri.length() > 200 ? uri.substring(0, 200) : uri;
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
        LOG.debug("est connection failed remote={} reason={}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
