package dev.moduleagent.localhub.internal.gateway;

import dev.moduleagent.localhub.HubConfig;
import dev.moduleagent.localhub.internal.ListenerBinding;
import dev.moduleagent.localhub.internal.NetworkThreads;
import dev.moduleagent.localhub.internal.TlsListener;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One HTTPS listener serving what IoT Hub serves on 443: the REST API, and protocols in WebSocket frames on
 * {@code /$iothub/websocket} chosen by subprotocol ({@link UpgradeRouter}). Further WebSocket protocols are added
 * as {@link WebSocketEndpoint}s. The pipeline: TLS, HTTP/1.1 with bounded request line and headers (what exceeds
 * them reaches the REST endpoint as a failed request: 414, 431), header and idle timeouts ({@link RequestTimeouts}),
 * the router.
 */
public final class GatewayServer {

    static final String TIMEOUTS_BYTES = "timeouts-bytes";
    static final String TIMEOUTS_MESSAGES = "timeouts-messages";
    static final int MAX_CONNECTIONS = 10_000;
    /** The longest request line, in bytes. */
    public static final int MAX_LINE = 8 * 1024;
    /** The most bytes of request headers. */
    public static final int MAX_HEADERS = 16 * 1024;

    private GatewayServer() {
    }

    /** Binds the listener; throws {@link ListenerBinding.BindFailure} naming the address and port when it cannot. */
    public static TlsListener start(NetworkThreads threads, SslContext ssl, InetSocketAddress address,
                                    HubConfig.ServiceTimeouts timeouts, HttpEndpoint rest, List<WebSocketEndpoint> webSockets)
        throws ListenerBinding.BindFailure, InterruptedException {
        List<WebSocketEndpoint> endpoints = List.copyOf(webSockets);
        return TlsListener.start("https", threads, address, MAX_CONNECTIONS, channel -> {
            ChannelPipeline pipeline = channel.pipeline();
            pipeline.addLast("tls", ssl.newHandler(channel.alloc()));
            RequestTimeouts requestTimeouts = new RequestTimeouts(timeouts.header(), timeouts.idle(), rest);
            pipeline.addLast(TIMEOUTS_BYTES, requestTimeouts.bytes());
            pipeline.addLast("http", new HttpServerCodec(MAX_LINE, MAX_HEADERS, 8192));
            pipeline.addLast(TIMEOUTS_MESSAGES, requestTimeouts.messages());
            pipeline.addLast("router", new UpgradeRouter(rest, endpoints));
        });
    }
}
