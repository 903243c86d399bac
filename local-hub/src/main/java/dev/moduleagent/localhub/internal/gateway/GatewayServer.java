package dev.moduleagent.localhub.internal.gateway;

import dev.moduleagent.localhub.internal.ListenerBinding;
import dev.moduleagent.localhub.internal.NetworkThreads;
import dev.moduleagent.localhub.internal.TlsListener;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One HTTPS listener serving what IoT Hub serves on 443: the REST API, and protocols in WebSocket frames on
 * {@code /$iothub/websocket} chosen by subprotocol ({@link UpgradeRouter}). Further WebSocket protocols are added
 * as {@link WebSocketEndpoint}s. The pipeline: TLS, an idle timeout, HTTP/1.1 with bounded request line and
 * headers, the router.
 */
public final class GatewayServer {

    static final String HTTP_IDLE = "http-idle";
    static final int MAX_CONNECTIONS = 10_000;
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 16 * 1024;
    private static final int IDLE_SECONDS = 60;

    private GatewayServer() {
    }

    /** Binds the listener; throws {@link ListenerBinding.BindFailure} naming the address and port when it cannot. */
    public static TlsListener start(NetworkThreads threads, SslContext ssl, InetSocketAddress address, HttpEndpoint rest,
                                    List<WebSocketEndpoint> webSockets) throws ListenerBinding.BindFailure, InterruptedException {
        List<WebSocketEndpoint> endpoints = List.copyOf(webSockets);
        return TlsListener.start("https", threads, address, MAX_CONNECTIONS, channel -> {
            ChannelPipeline pipeline = channel.pipeline();
            pipeline.addLast("tls", ssl.newHandler(channel.alloc()));
            pipeline.addLast(HTTP_IDLE, new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS));
            pipeline.addLast("http", new HttpServerCodec(MAX_LINE, MAX_HEADERS, 8192));
            pipeline.addLast("router", new UpgradeRouter(rest, endpoints));
        });
    }
}
