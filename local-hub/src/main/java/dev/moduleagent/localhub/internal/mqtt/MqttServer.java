package dev.moduleagent.localhub.internal.mqtt;

import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.ListenerBinding;
import dev.moduleagent.localhub.internal.NetworkThreads;
import dev.moduleagent.localhub.internal.TlsListener;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;

/** The device-facing MQTT/TLS listener (port 8883). */
public final class MqttServer {

    private MqttServer() {
    }

    /** Binds the listener; returns once it accepts connections. */
    public static TlsListener start(HubCore core, NetworkThreads threads, SslContext ssl, InetSocketAddress address)
        throws ListenerBinding.BindFailure, InterruptedException {
        MqttHubContext context = context(core);
        return TlsListener.start("mqtt", threads, address, MqttPipeline.MAX_CONNECTIONS, channel -> {
            channel.pipeline().addLast("tls", ssl.newHandler(channel.alloc()));
            MqttPipeline.addMqttHandlers(channel.pipeline(), threads.handlers(), context);
        });
    }

    static MqttHubContext context(HubCore core) {
        ConnectAuthorizer authorizer = new ConnectAuthorizer(core.authenticator(), core.clock());
        PublishRouter router = new PublishRouter(core.twins(), core.methods(), core.telemetry());
        return new MqttHubContext(authorizer, core.sessions(), new Subscriptions(core.sessions()), router, core.clock());
    }
}
