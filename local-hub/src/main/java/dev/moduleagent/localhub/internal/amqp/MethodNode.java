package dev.moduleagent.localhub.internal.amqp;

import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.mqtt.MethodInvoker;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The methods node {@code /devices/{d}[/modules/{m}]/methods/devicebound}: a request goes to the client with the
 * application property {@code IoThub-methodname} and a UUID correlation id (the SDK parses the id of its answer back
 * into a UUID, so nothing else works); the answer comes back with that correlation id and {@code IoThub-status}, and
 * completes the caller's call in the hub's {@link MethodInvoker} under the request id the invoker chose.
 */
final class MethodNode {

    private static final Logger LOG = LoggerFactory.getLogger(MethodNode.class);
    /** Requests awaiting an answer on this connection; the oldest are forgotten (the invoker times them out). */
    static final int MAX_PENDING = 1000;

    private final MethodInvoker invoker;
    private final AmqpLinks links;
    private final Map<String, String> pending = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_PENDING;
        }
    };

    MethodNode(MethodInvoker invoker, AmqpLinks links) {
        this.invoker = invoker;
        this.links = links;
    }

    void request(IdentityKey key, String method, String rid, byte[] payload) {
        UUID id = UUID.randomUUID();
        Message message = Proton.message();
        Properties properties = new Properties();
        properties.setMessageId(id);
        properties.setCorrelationId(id);
        message.setProperties(properties);
        message.setApplicationProperties(new ApplicationProperties(Map.of("IoThub-methodname", method)));
        message.setBody(AmqpMessages.data(payload));
        if (links.send(key, LinkAddress.Node.METHODS, message)) {
            pending.put(id.toString(), rid);
        }
    }

    void handleResponse(IdentityKey key, Message response, Delivery delivery) {
        AmqpMessages.accept(delivery);
        Object correlationId = AmqpMessages.correlationId(response);
        String rid = correlationId == null ? null : pending.remove(correlationId.toString());
        Object status = AmqpMessages.applicationProperties(response).get("IoThub-status");
        if (rid == null || !(status instanceof Number number)) {
            LOG.info("method response ignored id={} correlationId={} reason=\"{}\"", key, correlationId,
                rid == null ? "no pending request" : "no IoThub-status");
            return;
        }
        invoker.complete(key, rid, number.intValue(), AmqpMessages.body(response));
    }
}
