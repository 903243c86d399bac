package dev.moduleagent.localhub.internal.amqp;

import dev.moduleagent.localhub.internal.identity.IdentityKey;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The links on which the hub sends, by identity and node (the client's receiving end of twin, methods and
 * cloud-to-device, and of {@code $cbs}), and how many links the connection holds. A client that stops taking
 * messages is dropped once it holds {@value #MAX_QUEUED} of them, as on MQTT.
 */
final class AmqpLinks {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpLinks.class);
    static final int MAX_LINKS = 64;
    static final int MAX_QUEUED = 1000;

    private final AmqpConnection connection;
    private final Map<IdentityKey, Map<LinkAddress.Node, Sender>> senders = new HashMap<>();
    private Sender cbs;
    private int count;

    AmqpLinks(AmqpConnection connection) {
        this.connection = connection;
    }

    /** Counts a newly attached link; false when the connection already holds {@value #MAX_LINKS}. */
    boolean admit() {
        if (count >= MAX_LINKS) {
            return false;
        }
        count++;
        return true;
    }

    void released() {
        count = Math.max(0, count - 1);
    }

    void putSender(LinkAddress address, Sender sender) {
        if (address.node() == LinkAddress.Node.CBS) {
            cbs = sender;
        } else {
            senders.computeIfAbsent(address.identity(), k -> new EnumMap<>(LinkAddress.Node.class)).put(address.node(), sender);
        }
    }

    void removeSender(LinkAddress address, Sender sender) {
        if (address.node() == LinkAddress.Node.CBS) {
            cbs = cbs == sender ? null : cbs;
            return;
        }
        Map<LinkAddress.Node, Sender> byNode = senders.get(address.identity());
        if (byNode != null) {
            byNode.remove(address.node(), sender);
        }
    }

    /** Sends on the identity's link of that node; false when the client has not attached it. */
    boolean send(IdentityKey key, LinkAddress.Node node, Message message) {
        Map<LinkAddress.Node, Sender> byNode = senders.get(key);
        return send(byNode == null ? null : byNode.get(node), message, key + " " + node);
    }

    boolean sendCbs(Message message) {
        return send(cbs, message, "$cbs");
    }

    private boolean send(Sender sender, Message message, String what) {
        if (sender == null || sender.getLocalState() != EndpointState.ACTIVE) {
            LOG.info("amqp message not sent link={} reason=\"the client has no link attached there\"", what);
            return false;
        }
        if (sender.getQueued() >= MAX_QUEUED) {
            connection.closeWith(AmqpErrors.RESOURCE_LIMIT, "the client holds " + MAX_QUEUED + " messages it gave no credit for");
            return false;
        }
        AmqpMessages.send(sender, message, connection.nextTag());
        return true;
    }
}
