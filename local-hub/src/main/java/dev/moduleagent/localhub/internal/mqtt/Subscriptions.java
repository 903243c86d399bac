package dev.moduleagent.localhub.internal.mqtt;

import dev.moduleagent.localhub.internal.store.StoreException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SUBSCRIBE and UNSUBSCRIBE: IoT Hub's topic filters are granted (QoS at most 1); any other filter closes the connection. */
final class Subscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private final SessionRegistry sessions;

    Subscriptions(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    /**
     * Grants IoT Hub's filters (at the QoS asked, at most 1); returns the reason to close the connection when a filter
     * is not one of them (another identity's topic, anything else), as IoT Hub closes it rather than refusing in the
     * SUBACK; null when all were granted.
     */
    String subscribe(ChannelHandlerContext ctx, ClientConnection client, MqttMessage message) throws StoreException {
        MqttSubscribeMessage subscribe = (MqttSubscribeMessage) message;
        MqttMessageBuilders.SubAckBuilder ack = MqttMessageBuilders.subAck().packetId(subscribe.variableHeader().messageId());
        Set<SubscriptionKind> granted = EnumSet.noneOf(SubscriptionKind.class);
        MqttQoS desiredQos = MqttQoS.AT_LEAST_ONCE;
        for (MqttTopicSubscription subscription : subscribe.payload().topicSubscriptions()) {
            SubscriptionKind kind = SubscriptionKind.of(subscription.topicName(), client.identity());
            if (kind == null) {
                return "subscription to a topic IoT Hub does not offer this identity: " + PublishRouter.printable(subscription.topicName());
            }
            MqttQoS qos = subscription.qualityOfService() == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
            granted.add(kind);
            if (kind == SubscriptionKind.DESIRED) {
                desiredQos = qos;
            }
            ack.addGrantedQos(qos);
            LOG.debug("subscribed id={} kind={} qos={}", client.identity(), kind, qos.value());
        }
        sessions.subscribe(client, granted, desiredQos);
        ctx.writeAndFlush(ack.build());
        sessions.announceMethods(client.identity());
        return null;
    }

    void unsubscribe(ChannelHandlerContext ctx, ClientConnection client, MqttMessage message) throws StoreException {
        MqttUnsubscribeMessage unsubscribe = (MqttUnsubscribeMessage) message;
        Set<SubscriptionKind> removed = EnumSet.noneOf(SubscriptionKind.class);
        for (String filter : unsubscribe.payload().topics()) {
            SubscriptionKind kind = SubscriptionKind.of(filter, client.identity());
            if (kind != null) {
                removed.add(kind);
            }
        }
        sessions.unsubscribe(client, removed);
        int id = ((MqttMessageIdVariableHeader) unsubscribe.variableHeader()).messageId();
        ctx.writeAndFlush(MqttMessageBuilders.unsubAck().packetId(id).build());
    }
}
