package dev.moduleagent.localhub.internal.amqp;

import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.ListenerBinding;
import dev.moduleagent.localhub.internal.NetworkThreads;
import dev.moduleagent.localhub.internal.TlsListener;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;

/**
 * The device-facing AMQP 1.0 over TLS listener (the SDK's {@code AMQPS}, always port 5671): TLS with the hub's server
 * certificate and an optional client certificate (the X.509 credential, judged per identity when its first link
 * attaches), then Proton-J's engine. At most {@value #MAX_CONNECTIONS} connections.
 */
public final class AmqpServer {

    static final int MAX_CONNECTIONS = 10_000;

    private AmqpServer() {
    }

    /** Binds the listener; returns once it accepts connections. */
    public static TlsListener start(HubCore core, NetworkThreads threads, SslContext ssl, InetSocketAddress address)
        throws ListenerBinding.BindFailure, InterruptedException {
        return TlsListener.start("amqp", threads, address, MAX_CONNECTIONS, channel -> {
            channel.pipeline().addLast("tls", ssl.newHandler(channel.alloc()));
            addEngine(channel.pipeline(), threads.handlers(), core);
        });
    }

    /**
     * Adds the AMQP engine at the end of a pipeline whose bytes are AMQP: after TLS here, after the WebSocket framing
     * on the shared HTTPS port when the client chose the subprotocol {@code AMQPWSB10} ({@link AmqpOverWebSocket}).
     */
    public static void addEngine(ChannelPipeline pipeline, EventExecutorGroup handlers, HubCore core) {
        pipeline.addLast(handlers, "amqp", new AmqpTransportHandler(core));
    }
}
