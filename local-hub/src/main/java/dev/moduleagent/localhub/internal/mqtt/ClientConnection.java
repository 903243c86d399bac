package dev.moduleagent.localhub.internal.mqtt;

import dev.moduleagent.localhub.internal.identity.AuthDecision;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.time.Instant;
import java.util.BitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated client connection: its identity, how it authenticated, and for MQTT the packet ids of the QoS 1
 * messages the hub sent that the client has not acknowledged yet (the SDK acknowledges only after its callback
 * returned). A connection of another transport (AMQP) carries a {@link ClientOutbound} instead of a channel.
 */
public final class ClientConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    /** Unacknowledged QoS 1 messages a client may hold before the hub drops the connection. */
    static final int MAX_IN_FLIGHT = 1000;

    private final IdentityKey identity;
    private final Channel channel;
    private final AuthDecision auth;
    private final boolean cleanSession;
    private final Instant connectedAt;
    private final ClientOutbound outbound;
    private final BitSet inFlight = new BitSet(65536);
    private int nextPacketId = 1;
    private volatile Instant lastActivity;

    ClientConnection(IdentityKey identity, Channel channel, AuthDecision auth, boolean cleanSession, Instant connectedAt) {
        this(identity, channel, auth, cleanSession, connectedAt, null);
    }

    private ClientConnection(IdentityKey identity, Channel channel, AuthDecision auth, boolean cleanSession,
        Instant connectedAt, ClientOutbound outbound) {
        this.identity = identity;
        this.channel = channel;
        this.auth = auth;
        this.cleanSession = cleanSession;
        this.connectedAt = connectedAt;
        this.lastActivity = connectedAt;
        this.outbound = outbound;
    }

    /**
     * A connection of another transport: its session (what it subscribed to) ends with it, because such clients
     * (the SDK over AMQP) re-open their links after every reconnect.
     */
    public static ClientConnection of(IdentityKey identity, AuthDecision auth, Instant connectedAt, ClientOutbound outbound) {
        return new ClientConnection(identity, null, auth, true, connectedAt, outbound);
    }

    public IdentityKey identity() {
        return identity;
    }

    public AuthDecision auth() {
        return auth;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    public Instant lastActivity() {
        return lastActivity;
    }

    boolean cleanSession() {
        return cleanSession;
    }

    Channel channel() {
        return channel;
    }

    public void touch(Instant now) {
        lastActivity = now;
    }

    /**
     * Pushes a desired patch: over MQTT on {@code $iothub/twin/PATCH/properties/desired/?$version=v} with {@code qos}
     * (the QoS granted to the client's desired-properties subscription).
     */
    void pushDesired(byte[] patch, long version, MqttQoS qos) {
        if (outbound != null) {
            outbound.pushDesired(patch, version);
        } else {
            publish(DeviceTopics.desiredPatch(version), patch, qos);
        }
    }

    /** Sends a method request: over MQTT on {@code $iothub/methods/POST/{name}/?$rid=}. */
    void requestMethod(String method, String rid, byte[] payload) {
        if (outbound != null) {
            outbound.requestMethod(method, rid, payload);
        } else {
            publish(DeviceTopics.methodRequest(method, rid), payload, PublishRouter.RESPONSE_QOS);
        }
    }

    /** Sends a PUBLISH; QoS 1 messages get a free packet id and count as in flight until the PUBACK. */
    ChannelFuture publish(String topic, byte[] payload, MqttQoS qos) {
        MqttMessageBuilders.PublishBuilder builder = MqttMessageBuilders.publish()
            .topicName(topic).qos(qos).retained(false).payload(Unpooled.wrappedBuffer(payload));
        if (qos == MqttQoS.AT_LEAST_ONCE) {
            int id = allocate();
            if (id < 0) {
                LOG.info("connection dropped id={} reason=\"client holds {} unacknowledged messages\"", identity, MAX_IN_FLIGHT);
                return channel.close();
            }
            builder.messageId(id);
        }
        return channel.writeAndFlush(builder.build());
    }

    /** A PUBACK arrived. */
    synchronized void acknowledged(int packetId) {
        if (packetId > 0 && packetId < 65536) {
            inFlight.clear(packetId);
        }
    }

    synchronized int inFlightCount() {
        return inFlight.cardinality();
    }

    private synchronized int allocate() {
        if (inFlight.cardinality() >= MAX_IN_FLIGHT) {
            return -1;
        }
        int id = nextPacketId;
        while (inFlight.get(id)) {
            id = id == 65535 ? 1 : id + 1;
        }
        inFlight.set(id);
        nextPacketId = id == 65535 ? 1 : id + 1;
        return id;
    }

    void close() {
        if (outbound != null) {
            outbound.close();
        } else {
            channel.close();
        }
    }
}
