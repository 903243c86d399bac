package dev.moduleagent.localhub.internal.mqtt;

import dev.moduleagent.localhub.internal.PipelineTracker;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT pipeline: TLS, WebSocket framing for the WebSocket listener ({@link WebSocketFraming}), an idle timer (CONNECT within {@value #CONNECT_TIMEOUT_SECONDS} s, then 1.5 × keep-alive),
 * Netty's MQTT codec bounded to {@value #MAX_PACKET_BYTES} bytes per packet, and the session handler on the hub's
 * executor group. Connections beyond {@value #MAX_CONNECTIONS} are closed at once.
 */
final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final Logger LOG = LoggerFactory.getLogger(MqttChannelInitializer.class);
    static final String IDLE = "idle";
    /** The handlers after the transport framing, which a WebSocket client choosing AMQP does without. */
    static final List<String> MQTT_HANDLERS = List.of(IDLE, "decoder", "encoder", "session");
    static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** A 256 KB telemetry message plus its topic and headers. */
    static final int MAX_PACKET_BYTES = 256 * 1024 + 8 * 1024;
    static final int MAX_CONNECTIONS = 10_000;
    private static final int MAX_CLIENT_ID_LENGTH = 257;

    private final SslContext ssl;
    private final EventExecutorGroup handlers;
    private final MqttHubContext hub;
    private final ChannelGroup connections;
    private final Consumer<ChannelPipeline> amqpEngine;
    private final PipelineTracker pipelines = new PipelineTracker();
    private final AtomicInteger open = new AtomicInteger();

    MqttChannelInitializer(SslContext ssl, EventExecutorGroup handlers, MqttHubContext hub, ChannelGroup connections,
        Consumer<ChannelPipeline> amqpEngine) {
        this.ssl = ssl;
        this.amqpEngine = amqpEngine;
        this.handlers = handlers;
        this.hub = hub;
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (open.incrementAndGet() > MAX_CONNECTIONS) {
            open.decrementAndGet();
            LOG.info("connection refused remote={} reason=more than {} connections", channel.remoteAddress(), MAX_CONNECTIONS);
            channel.close();
            return;
        }
        channel.closeFuture().addListener(f -> open.decrementAndGet());
        connections.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("tracker", pipelines);
        pipeline.addLast("tls", ssl.newHandler(channel.alloc()));
        if (amqpEngine != null) {
            WebSocketFraming.addTo(pipeline, MAX_PACKET_BYTES, amqpEngine);
        }
        pipeline.addLast(IDLE, new IdleStateHandler(CONNECT_TIMEOUT_SECONDS, 0, 0, TimeUnit.SECONDS));
        pipeline.addLast("decoder", new MqttDecoder(MAX_PACKET_BYTES, MAX_CLIENT_ID_LENGTH));
        pipeline.addLast("encoder", MqttEncoder.INSTANCE);
        pipeline.addLast(handlers, "session", new MqttConnectionHandler(hub));
    }

    PipelineTracker pipelines() {
        return pipelines;
    }
}
