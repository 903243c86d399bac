package dev.moduleagent.localhub.internal.amqp;

import dev.moduleagent.localhub.internal.mqtt.SubscriptionKind;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a connection's endpoints as the SDK drives them: sessions and links are answered when the client opens
 * them, a link only to a node IoT Hub offers and of an identity authenticated on this connection; each complete
 * delivery goes to its node. Nothing is buffered beyond a message of {@value #MAX_MESSAGE_BYTES} bytes per link.
 */
final class AmqpEvents {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpEvents.class);
    /** A 256 KB telemetry body with its properties and annotations. */
    static final int MAX_MESSAGE_BYTES = 256 * 1024 + 16 * 1024;
    /** Credit per receiving link, given back after each message. */
    static final int CREDIT = 10;
    /** Bytes a session buffers from the client before it stops granting transfer window. */
    static final int SESSION_CAPACITY = 4 * MAX_MESSAGE_BYTES;

    private final AmqpConnection connection;
    private final AmqpIdentities identities;
    private final AmqpLinks links;
    private final AmqpNodes nodes;

    AmqpEvents(AmqpConnection connection, AmqpIdentities identities, AmqpLinks links, AmqpNodes nodes) {
        this.connection = connection;
        this.identities = identities;
        this.links = links;
        this.nodes = nodes;
    }

    void dispatch(Event event) {
        try {
            switch (event.getType()) {
                case CONNECTION_REMOTE_OPEN -> {
                    event.getConnection().setContainer("local-hub");
                    event.getConnection().open();
                }
                case CONNECTION_REMOTE_CLOSE -> event.getConnection().close();
                case SESSION_REMOTE_OPEN -> openSession(event.getSession());
                case SESSION_REMOTE_CLOSE -> event.getSession().close();
                case LINK_REMOTE_OPEN -> openLink(event.getLink());
                case LINK_REMOTE_CLOSE, LINK_REMOTE_DETACH -> closeLink(event.getLink());
                case DELIVERY -> delivery(event.getDelivery());
                case TRANSPORT_ERROR -> LOG.info("amqp transport error remote={} condition=\"{}\"",
                    connection.context().channel().remoteAddress(), event.getTransport().getCondition());
                default -> {
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("amqp event failed type={} reason=\"{}\"", event.getType(), e.toString());
            LOG.debug("amqp event failure detail", e);
            connection.closeWith(AmqpErrors.INTERNAL, "the hub failed to handle " + event.getType());
        }
    }

    private static void openSession(Session session) {
        session.setIncomingCapacity(SESSION_CAPACITY);
        session.open();
    }

    private void openLink(Link link) {
        String address = link instanceof Receiver
            ? (link.getRemoteTarget() instanceof Target t ? t.getAddress() : null)
            : (link.getRemoteSource() instanceof Source s ? s.getAddress() : null);
        LinkAddress parsed = LinkAddress.parse(address);
        if (parsed == null) {
            refuse(link, AmqpErrors.NOT_FOUND, "no node at address '" + printable(address) + "'");
            return;
        }
        if (!directionAllowed(parsed.node(), link)) {
            refuse(link, AmqpErrors.NOT_ALLOWED, "the hub does not " + (link instanceof Receiver ? "receive on " : "send on ") + address);
            return;
        }
        if (parsed.identity() != null) {
            String refusal = identities.authorizeLink(parsed.identity());
            if (refusal != null) {
                connection.closeWith(AmqpErrors.UNAUTHORIZED, refusal);
                return;
            }
        }
        if (!links.admit()) {
            refuse(link, AmqpErrors.RESOURCE_LIMIT, "more than " + AmqpLinks.MAX_LINKS + " links on one connection");
            return;
        }
        accept(link, parsed);
    }

    private void accept(Link link, LinkAddress address) {
        link.setContext(address);
        link.setSource(link.getRemoteSource());
        link.setTarget(link.getRemoteTarget());
        link.setSenderSettleMode(link.getRemoteSenderSettleMode());
        link.setReceiverSettleMode(link.getRemoteReceiverSettleMode());
        link.setMaxMessageSize(UnsignedLong.valueOf(MAX_MESSAGE_BYTES));
        link.open();
        if (link instanceof Receiver receiver) {
            receiver.flow(CREDIT);
        } else {
            links.putSender(address, (Sender) link);
            subscriptionOf(address, true);
        }
        LOG.debug("amqp link attached id={} node={} role={}", address.identity(), address.node(),
            link instanceof Receiver ? "hub receives" : "hub sends");
    }

    private void closeLink(Link link) {
        if (link.getContext() instanceof LinkAddress address) {
            links.released();
            if (link instanceof Sender sender) {
                links.removeSender(address, sender);
                subscriptionOf(address, false);
            }
            link.setContext(null);
        }
        if (link.getLocalState() != EndpointState.CLOSED) {
            link.close();
        }
    }

    private void subscriptionOf(LinkAddress address, boolean attached) {
        if (address.node() == LinkAddress.Node.METHODS) {
            identities.subscription(address.identity(), SubscriptionKind.METHODS, attached);
        } else if (address.node() == LinkAddress.Node.TWIN) {
            identities.subscription(address.identity(), SubscriptionKind.TWIN_RESPONSES, attached);
            if (!attached) {
                identities.subscription(address.identity(), SubscriptionKind.DESIRED, false);
            }
        }
    }

    private static boolean directionAllowed(LinkAddress.Node node, Link link) {
        return switch (node) {
            case TELEMETRY -> link instanceof Receiver;
            case CLOUD_TO_DEVICE -> link instanceof Sender;
            default -> true;
        };
    }

    private void refuse(Link link, Symbol condition, String description) {
        LOG.info("amqp link refused remote={} link={} reason=\"{}\"", connection.context().channel().remoteAddress(),
            printable(link.getName()), description);
        link.setSource(null);
        link.setTarget(null);
        link.open();
        link.setCondition(new ErrorCondition(condition, description));
        link.close();
    }

    private void delivery(Delivery delivery) {
        Link link = delivery.getLink();
        if (link instanceof Sender) {
            if (delivery.remotelySettled()) {
                delivery.settle();
            }
            return;
        }
        Receiver receiver = (Receiver) link;
        if (delivery.pending() > MAX_MESSAGE_BYTES) {
            LOG.info("amqp link closed remote={} link={} reason=\"a message larger than {} bytes\"",
                connection.context().channel().remoteAddress(), printable(link.getName()), MAX_MESSAGE_BYTES);
            link.setCondition(new ErrorCondition(AmqpErrors.MESSAGE_SIZE, "a message larger than " + MAX_MESSAGE_BYTES + " bytes"));
            closeLink(link);
            return;
        }
        if (delivery.isPartial() || !delivery.isReadable() || !(link.getContext() instanceof LinkAddress address)) {
            return;
        }
        Message message;
        try {
            message = AmqpMessages.read(receiver, delivery);
        } catch (RuntimeException e) {
            AmqpMessages.reject(delivery, AmqpErrors.DECODE_ERROR, "the message cannot be decoded: " + e.getMessage());
            receiver.flow(1);
            return;
        }
        nodes.handle(address, message, delivery);
        receiver.flow(1);
    }

    static String printable(String text) {
        if (text == null) {
            return "null";
        }
        String cut = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
