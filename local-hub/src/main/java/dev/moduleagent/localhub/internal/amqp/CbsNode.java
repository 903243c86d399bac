package dev.moduleagent.localhub.internal.amqp;

import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims-based-security node {@code $cbs}: a {@code put-token} request (application properties {@code operation},
 * {@code type}, {@code name}; the SAS token as an {@code AmqpValue} string body) is answered on the client's
 * {@code $cbs} receiving link with the request's message id as correlation id and {@code status-code} (an int: the
 * SDK reads only an {@code Integer}) and {@code status-description}.
 */
final class CbsNode {

    private static final Logger LOG = LoggerFactory.getLogger(CbsNode.class);
    private static final int OK = 200;
    private static final int BAD_REQUEST = 400;
    private static final int UNAUTHORIZED = 401;

    private final AmqpIdentities identities;
    private final AmqpLinks links;

    CbsNode(AmqpIdentities identities, AmqpLinks links) {
        this.identities = identities;
        this.links = links;
    }

    void handle(Message request, Delivery delivery) {
        AmqpMessages.accept(delivery);
        Map<String, Object> properties = AmqpMessages.applicationProperties(request);
        int status;
        String description;
        if (!"put-token".equals(properties.get("operation"))) {
            status = BAD_REQUEST;
            description = "the CBS node only handles put-token, not " + properties.get("operation");
        } else if (!(request.getBody() instanceof AmqpValue value) || !(value.getValue() instanceof String token)) {
            status = BAD_REQUEST;
            description = "the put-token body is not a string";
        } else {
            String refusal = identities.putToken(token);
            status = refusal == null ? OK : UNAUTHORIZED;
            description = refusal == null ? "OK" : refusal;
        }
        if (status != OK) {
            LOG.info("amqp put-token refused name={} status={} reason=\"{}\"", AmqpEvents.printable(String.valueOf(properties.get("name"))),
                status, description);
        }
        links.sendCbs(response(request, status, description));
    }

    private static Message response(Message request, int status, String description) {
        Message response = Proton.message();
        Properties properties = new Properties();
        properties.setCorrelationId(request.getProperties() == null ? null : request.getProperties().getMessageId());
        response.setProperties(properties);
        Map<String, Object> values = new HashMap<>();
        values.put("status-code", status);
        values.put("status-description", description);
        response.setApplicationProperties(new ApplicationProperties(values));
        return response;
    }
}
