package dev.moduleagent.localhub.internal.mqtt;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.concurrent.TimeUnit;

/**
 * The MQTT handlers behind the transport (TLS on 8883, or TLS and WebSocket frames on 443): an idle timer (CONNECT
 * within {@value #CONNECT_TIMEOUT_SECONDS} s, then 1.5 × keep-alive), Netty's MQTT codec bounded to
 * {@value #MAX_PACKET_BYTES} bytes per packet, and the session handler on the hub's executor group.
 */
final class MqttPipeline {

    static final String IDLE = "idle";
    static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** A 256 KB telemetry message plus its topic and headers. */
    static final int MAX_PACKET_BYTES = 256 * 1024 + 8 * 1024;
    static final int MAX_CONNECTIONS = 10_000;
    private static final int MAX_CLIENT_ID_LENGTH = 257;

    private MqttPipeline() {
    }

    static void addMqttHandlers(ChannelPipeline pipeline, EventExecutorGroup handlers, MqttHubContext hub) {
        pipeline.addLast(IDLE, new IdleStateHandler(CONNECT_TIMEOUT_SECONDS, 0, 0, TimeUnit.SECONDS));
        pipeline.addLast("decoder", new MqttDecoder(MAX_PACKET_BYTES, MAX_CLIENT_ID_LENGTH));
        pipeline.addLast("encoder", MqttEncoder.INSTANCE);
        pipeline.addLast(handlers, "session", new MqttConnectionHandler(hub));
    }
}
