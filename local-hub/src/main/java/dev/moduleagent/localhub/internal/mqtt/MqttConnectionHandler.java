package dev.moduleagent.localhub.internal.mqtt;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT session state machine of one channel: CONNECT first (authenticated by the hub), then PUBLISH, PUBACK,
 * SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT. Anything malformed or unexpected closes the connection, as IoT Hub
 * does. Runs on a hub executor, not on the I/O thread, because it touches the database.
 */
final class MqttConnectionHandler extends SimpleChannelInboundHandler<MqttMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnectionHandler.class);
    /** IoT Hub's largest keep-alive; a client asking for more (or 0) is held to this. */
    private static final int MAX_KEEP_ALIVE_SECONDS = 1177;

    private final MqttHubContext hub;
    private ClientConnection client;
    /** The Will message of the CONNECT (topic and payload), published unless the client sends DISCONNECT. */
    private String willTopic;
    private byte[] willPayload;

    MqttConnectionHandler(MqttHubContext hub) {
        this.hub = hub;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) throws Exception {
        if (msg.decoderResult().isFailure()) {
            decodeFailure(ctx, msg.decoderResult().cause());
            return;
        }
        MqttMessageType type = msg.fixedHeader().messageType();
        if (type == MqttMessageType.CONNECT) {
            onConnect(ctx, (MqttConnectMessage) msg);
            return;
        }
        if (client == null) {
            drop(ctx, "first packet is " + type + ", not CONNECT");
            return;
        }
        client.touch(hub.clock().instant());
        switch (type) {
            case PUBLISH -> onPublish(ctx, (MqttPublishMessage) msg);
            case PUBACK -> client.acknowledged(((MqttMessageIdVariableHeader) msg.variableHeader()).messageId());
            case SUBSCRIBE -> {
                String refused = hub.subscriptions().subscribe(ctx, client, msg);
                if (refused != null) {
                    drop(ctx, refused);
                }
            }
            case UNSUBSCRIBE -> hub.subscriptions().unsubscribe(ctx, client, msg);
            case PINGREQ -> ctx.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0)));
            case DISCONNECT -> {
                willTopic = null;
                ctx.close();
            }
            default -> drop(ctx, "unsupported packet " + type);
        }
    }

    private void onConnect(ChannelHandlerContext ctx, MqttConnectMessage connect) throws Exception {
        if (client != null) {
            drop(ctx, "second CONNECT on one connection");
            return;
        }
        ConnectAuthorizer.Outcome outcome = hub.authorizer().authorize(ctx.channel(), connect);
        if (outcome.connection() == null) {
            LOG.info("connect refused clientId={} code={} reason=\"{}\"", PublishRouter.printable(String.valueOf(connect.payload().clientIdentifier())),
                outcome.refusal().byteValue(), outcome.reason());
            refuse(ctx, outcome.refusal());
            return;
        }
        client = outcome.connection();
        if (connect.variableHeader().isWillFlag()) {
            willTopic = connect.payload().willTopic();
            willPayload = connect.payload().willMessageInBytes();
        }
        boolean sessionPresent = hub.sessions().attach(client);
        int keepAlive = connect.variableHeader().keepAliveTimeSeconds();
        int limit = keepAlive <= 0 || keepAlive > MAX_KEEP_ALIVE_SECONDS ? MAX_KEEP_ALIVE_SECONDS : keepAlive;
        ctx.pipeline().replace(MqttPipeline.IDLE, MqttPipeline.IDLE,
            new IdleStateHandler(limit * 3L / 2, 0, 0, TimeUnit.SECONDS));
        ctx.writeAndFlush(MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
            .sessionPresent(sessionPresent).build());
        hub.sessions().announceMethods(client.identity());
        LOG.info("client connected id={} auth={} thumbprint={} cleanSession={} sessionPresent={} keepAlive={}",
            client.identity(), client.auth().method().wireName(), client.auth().sha1Thumbprint(),
            client.cleanSession(), sessionPresent, keepAlive);
    }

    private void onPublish(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        MqttQoS qos = publish.fixedHeader().qosLevel();
        if (qos == MqttQoS.EXACTLY_ONCE) {
            drop(ctx, "QoS 2 is not supported");
            return;
        }
        if (qos == MqttQoS.AT_LEAST_ONCE) {
            ctx.writeAndFlush(MqttMessageBuilders.pubAck().packetId(publish.variableHeader().packetId()).build());
        }
        String reason = hub.router().route(client, publish.variableHeader().topicName(), ByteBufUtil.getBytes(publish.content()),
            publish.fixedHeader().isRetain());
        if (reason != null) {
            drop(ctx, reason);
        }
    }

    private void decodeFailure(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            LOG.info("connect refused reason=\"unsupported MQTT protocol version\"");
            refuse(ctx, MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
        } else if (cause instanceof MqttIdentifierRejectedException) {
            LOG.info("connect refused reason=\"invalid client id\"");
            refuse(ctx, MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
        } else if (cause instanceof TooLongFrameException) {
            drop(ctx, "packet larger than " + MqttPipeline.MAX_PACKET_BYTES + " bytes");
        } else {
            drop(ctx, "malformed packet: " + cause.getMessage());
        }
    }

    private static void refuse(ChannelHandlerContext ctx, MqttConnectReturnCode code) {
        MqttConnAckMessage connAck = MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build();
        ctx.writeAndFlush(connAck).addListener(ChannelFutureListener.CLOSE);
    }

    private void drop(ChannelHandlerContext ctx, String reason) {
        LOG.info("connection closed id={} remote={} reason=\"{}\"", client == null ? "-" : client.identity(),
            ctx.channel().remoteAddress(), reason);
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            drop(ctx, client == null ? "no CONNECT in time" : "keep-alive expired");
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (client != null) {
            if (willTopic != null) {
                hub.router().forwardWill(client, willTopic, willPayload);
            }
            hub.sessions().detach(client);
            LOG.info("client disconnected id={}", client.identity());
        }
        super.channelInactive(ctx);
    }

    private static String brief(Throwable cause) {
        Throwable root = cause.getCause() != null ? cause.getCause() : cause;
        String text = root.getClass().getSimpleName() + ": " + String.valueOf(root.getMessage()).lines().findFirst().orElse("");
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("connection failed id={} remote={} reason=\"{}\"", client == null ? "-" : client.identity(),
            ctx.channel().remoteAddress(), brief(cause));
        LOG.debug("connection failure detail", cause);
        ctx.close();
    }
}
