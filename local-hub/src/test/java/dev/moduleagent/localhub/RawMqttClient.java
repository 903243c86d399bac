package dev.moduleagent.localhub;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A bare MQTT 3.1.1 client over TLS for robustness tests and the connection benchmark: no SDK, no retries. */
final class RawMqttClient implements AutoCloseable {

    /** What the hub sent: the packet type, and for PUBLISH its topic and payload, for CONNACK its code. */
    record Inbound(MqttMessageType type, String topic, byte[] payload, MqttConnectReturnCode code, List<Integer> granted, MqttQoS qos) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Channel channel;
    private final BlockingQueue<Inbound> inbound;

    private RawMqttClient(Channel channel, BlockingQueue<Inbound> inbound) {
        this.channel = channel;
        this.inbound = inbound;
    }

    /** Opens a TLS connection presenting the identity's certificate; the handshake is complete on return. */
    static RawMqttClient open(EventLoopGroup group, LocalHub hub, TestIdentity identity) throws Exception {
        SslContextBuilder builder = SslContextBuilder.forClient()
            .trustManager(dev.moduleagent.certs.Pem.readCertificates(hub.caCertificateFile()).toArray(new java.security.cert.X509Certificate[0]));
        if (identity != null) {
            builder.keyManager(identity.key, identity.chain.toArray(new java.security.cert.X509Certificate[0]));
        }
        SslContext ssl = builder.build();
        BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(ssl.newHandler(ch.alloc(), hub.hostName(), hub.mqttPort()));
                    ch.pipeline().addLast(new MqttDecoder(1024 * 1024));
                    ch.pipeline().addLast(MqttEncoder.INSTANCE);
                    ch.pipeline().addLast(new Collector(inbound));
                }
            });
        Channel channel = bootstrap.connect(hub.hostName(), hub.mqttPort()).sync().channel();
        channel.pipeline().get(io.netty.handler.ssl.SslHandler.class).handshakeFuture().sync();
        return new RawMqttClient(channel, inbound);
    }

    /** Sends CONNECT as the identity (IoT Hub user name, no password) and returns the CONNACK code. */
    MqttConnectReturnCode connect(String clientId, String hostName, int keepAliveSeconds, MqttVersion version) throws InterruptedException {
        channel.writeAndFlush(MqttMessageBuilders.connect().protocolVersion(version).clientId(clientId)
            .hasUser(true).username(hostName + "/" + clientId + "/?api-version=2020-09-30").cleanSession(false)
            .keepAlive(keepAliveSeconds).build());
        Inbound ack = next(Duration.ofSeconds(10), i -> i.type() == MqttMessageType.CONNACK);
        return ack == null ? null : ack.code();
    }

    MqttConnectReturnCode connect(String clientId, String hostName) throws InterruptedException {
        return connect(clientId, hostName, 60, MqttVersion.MQTT_3_1_1);
    }

    /** Sends CONNECT as {@link #connect(String, String)} with a Will message (QoS 0). */
    MqttConnectReturnCode connectWithWill(String clientId, String hostName, String willTopic, String willMessage)
        throws InterruptedException {
        channel.writeAndFlush(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId(clientId)
            .hasUser(true).username(hostName + "/" + clientId + "/?api-version=2020-09-30").cleanSession(false).keepAlive(60)
            .willFlag(true).willTopic(willTopic).willMessage(willMessage.getBytes(StandardCharsets.UTF_8))
            .willQoS(MqttQoS.AT_MOST_ONCE).build());
        Inbound ack = next(Duration.ofSeconds(10), i -> i.type() == MqttMessageType.CONNACK);
        return ack == null ? null : ack.code();
    }

    /** Sends DISCONNECT (the orderly end, after which no Will is published). */
    void disconnect() {
        channel.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0)));
    }

    void subscribe(int packetId, String... filters) {
        subscribe(packetId, MqttQoS.AT_LEAST_ONCE, filters);
    }

    void subscribe(int packetId, MqttQoS qos, String... filters) {
        MqttMessageBuilders.SubscribeBuilder builder = MqttMessageBuilders.subscribe().messageId(packetId);
        for (String filter : filters) {
            builder.addSubscription(qos, filter);
        }
        channel.writeAndFlush(builder.build());
    }

    void publish(String topic, byte[] payload, MqttQoS qos, int packetId) {
        publish(topic, payload, qos, packetId, false);
    }

    void publish(String topic, byte[] payload, MqttQoS qos, int packetId, boolean retain) {
        MqttMessageBuilders.PublishBuilder builder = MqttMessageBuilders.publish().topicName(topic).qos(qos).retained(retain)
            .payload(Unpooled.wrappedBuffer(payload));
        if (qos != MqttQoS.AT_MOST_ONCE) {
            builder.messageId(packetId);
        }
        channel.writeAndFlush(builder.build());
    }

    void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), MqttQoS.AT_MOST_ONCE, 0);
    }

    void ping() {
        channel.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0)));
    }

    /** Writes bytes as they are, below the MQTT encoder (inside TLS). */
    void sendRaw(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    /** The next inbound packet matching, or null at the deadline or when the connection closed. */
    Inbound next(Duration timeout, Predicate<Inbound> match) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Inbound item = left > 0 ? inbound.poll(left, TimeUnit.NANOSECONDS) : null;
            if (item == null) {
                return null;
            }
            if (match.test(item)) {
                return item;
            }
        }
    }

    /** Waits for the hub to close the connection. */
    boolean awaitClosed(Duration timeout) {
        return channel.closeFuture().awaitUninterruptibly(timeout.toMillis());
    }

    boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5000);
    }

    /** Turns decoded packets into {@link Inbound} records (copying payloads, so buffers are released at once). */
    private static final class Collector extends SimpleChannelInboundHandler<MqttMessage> {

        private final BlockingQueue<Inbound> inbound;

        Collector(BlockingQueue<Inbound> inbound) {
            this.inbound = inbound;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
            MqttMessageType type = msg.fixedHeader().messageType();
            if (msg instanceof MqttPublishMessage publish) {
                inbound.add(new Inbound(type, publish.variableHeader().topicName(), ByteBufUtil.getBytes(publish.content()), null, null,
                    publish.fixedHeader().qosLevel()));
                if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                    ctx.writeAndFlush(MqttMessageBuilders.pubAck().packetId(publish.variableHeader().packetId()).build());
                }
            } else if (msg instanceof MqttConnAckMessage ack) {
                inbound.add(new Inbound(type, null, new byte[0], ack.variableHeader().connectReturnCode(), null, null));
            } else if (msg instanceof MqttSubAckMessage ack) {
                inbound.add(new Inbound(type, null, new byte[0], null, ack.payload().grantedQoSLevels(), null));
            } else {
                inbound.add(new Inbound(type, null, new byte[0], null, null, null));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
