package dev.moduleagent.benchmark.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * One MQTT client of the load test, driven entirely on its channel's event loop: connect, subscribe to the twin
 * responses, then one request at a time in a closed loop, each completion counted by the {@link LoadMeter}.
 */
final class LoadClient extends SimpleChannelInboundHandler<MqttMessage> {

    private static final String TWIN_RESPONSES = "$iothub/twin/res/#";
    /** The SDK's keep-alive; the driver pings after a quarter of it without writes. */
    static final int KEEP_ALIVE_SECONDS = 230;

    private final String clientId;
    private final String userName;
    private final CompletableFuture<Channel> connected = new CompletableFuture<>();
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private Channel channel;
    private int packetId;
    private int requestId;
    private int pendingPacket = -1;
    private String pendingRid;
    private LoadOp op;
    private LoadMeter meter;

    /** @param userName the MQTT user name, or null for none */
    LoadClient(String clientId, String userName) {
        this.clientId = clientId;
        this.userName = userName;
    }

    CompletableFuture<Channel> connected() {
        return connected;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect().clientId(clientId)
                .protocolVersion(MqttVersion.MQTT_3_1_1).keepAlive(KEEP_ALIVE_SECONDS).cleanSession(false);
        if (userName != null) {
            connect.hasUser(true).username(userName);
        }
        ctx.writeAndFlush(connect.build());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connected.completeExceptionally(new IllegalStateException(clientId + ": connection closed before CONNACK"));
        subscribed.completeExceptionally(new IllegalStateException(clientId + ": connection closed"));
    }

    /** Pings when the client has sent nothing for a while: a slow ramp must not exceed the keep-alive of the first. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            ctx.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE,
                    false, 0)));
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connected.completeExceptionally(cause);
        ctx.close();
    }

    /** Subscribes to the hub's twin responses (on the event loop); completes at the SUBACK. */
    CompletableFuture<Void> subscribeTwinResponses() {
        if (subscribed.isDone()) {
            return subscribed;
        }
        channel.eventLoop().execute(() -> channel.writeAndFlush(MqttMessageBuilders.subscribe().messageId(nextPacket())
                .addSubscription(MqttQoS.AT_LEAST_ONCE, TWIN_RESPONSES).build()));
        return subscribed;
    }

    /** Starts the closed loop of the operation, counted by the meter, until the meter stops. */
    void drive(LoadOp operation, LoadMeter counter) {
        channel.eventLoop().execute(() -> {
            op = operation;
            meter = counter;
            send();
        });
    }

    private void send() {
        if (meter == null || meter.stopped()) {
            meter = null;
            return;
        }
        int packet = nextPacket();
        String rid = Integer.toString(++requestId);
        String topic = switch (op) {
            case TWIN_PATCH -> "$iothub/twin/PATCH/properties/reported/?$rid=" + rid;
            case TWIN_GET -> "$iothub/twin/GET/?$rid=" + rid;
            case PUBLISH -> "bench/" + clientId;
        };
        byte[] body = op == LoadOp.TWIN_GET ? new byte[0]
                : ("{\"load\":" + rid + "}").getBytes(StandardCharsets.UTF_8);
        pendingPacket = packet;
        pendingRid = op == LoadOp.PUBLISH ? null : rid;
        channel.writeAndFlush(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_LEAST_ONCE)
                .messageId(packet).retained(false).payload(Unpooled.wrappedBuffer(body)).build());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
        MqttMessageType type = message.fixedHeader().messageType();
        switch (type) {
            case CONNACK -> connack((MqttConnAckMessage) message);
            case SUBACK -> subscribed.complete(null);
            case PUBACK -> puback(((MqttMessageIdVariableHeader) message.variableHeader()).messageId());
            case PUBLISH -> publish((MqttPublishMessage) message);
            default -> { }
        }
    }

    private void connack(MqttConnAckMessage message) {
        MqttConnectReturnCode code = message.variableHeader().connectReturnCode();
        if (code == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            connected.complete(channel);
        } else {
            connected.completeExceptionally(new IllegalStateException(clientId + ": CONNACK " + code));
            channel.close();
        }
    }

    private void puback(int id) {
        if (op == LoadOp.PUBLISH && id == pendingPacket) {
            done(true);
        }
    }

    private void publish(MqttPublishMessage message) {
        if (message.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            channel.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBACK, false,
                    MqttQoS.AT_MOST_ONCE, false, 2), MqttMessageIdVariableHeader.from(message.variableHeader()
                    .packetId())));
        }
        String topic = message.variableHeader().topicName();
        if (pendingRid != null && topic.startsWith("$iothub/twin/res/") && ridOf(topic).equals(pendingRid)) {
            done(topic.startsWith("$iothub/twin/res/2"));
        }
    }

    private void done(boolean ok) {
        pendingPacket = -1;
        pendingRid = null;
        if (meter != null) {
            meter.completed(ok);
            send();
        }
    }

    /** @return the {@code $rid} of a response topic {@code $iothub/twin/res/204/?$rid=7&$version=3} */
    static String ridOf(String topic) {
        int start = topic.indexOf("$rid=");
        if (start < 0) {
            return "";
        }
        int end = topic.indexOf('&', start);
        return topic.substring(start + 5, end < 0 ? topic.length() : end);
    }

    private int nextPacket() {
        packetId = packetId % 65535 + 1;
        return packetId;
    }
}
