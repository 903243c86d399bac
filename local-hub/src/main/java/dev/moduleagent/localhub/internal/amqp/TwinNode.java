package dev.moduleagent.localhub.internal.amqp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.json.BoundedJson;
import dev.moduleagent.localhub.internal.json.JsonRejection;
import dev.moduleagent.localhub.internal.mqtt.SubscriptionKind;
import dev.moduleagent.localhub.internal.store.StoreException;
import dev.moduleagent.localhub.internal.twin.TwinService;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The twin node {@code /devices/{d}[/modules/{m}]/twin}. Requests carry the annotations {@code operation} (GET, PATCH,
 * PUT, DELETE) and {@code resource}; responses go out on the client's twin receiving link with the request's
 * correlation id and the annotations {@code status} and, after a reported PATCH, {@code version} (the new reported
 * version). PUT/DELETE of {@code /notifications/twin/properties/desired} subscribe to / unsubscribe from desired
 * patches, which are then pushed with no correlation id, a {@code version} annotation and {@code $version} in the body.
 */
final class TwinNode {

    private static final Logger LOG = LoggerFactory.getLogger(TwinNode.class);
    private static final int MAX_PATCH_BYTES = 128 * 1024;
    private static final String REPORTED = "/properties/reported";
    private static final String DESIRED_NOTIFICATIONS = "/notifications/twin/properties/desired";
    private static final byte[] EMPTY = new byte[0];

    private final TwinService twins;
    private final AmqpIdentities identities;
    private final AmqpLinks links;

    TwinNode(TwinService twins, AmqpIdentities identities, AmqpLinks links) {
        this.twins = twins;
        this.identities = identities;
        this.links = links;
    }

    void handle(IdentityKey key, Message request, Delivery delivery) {
        String operation = String.valueOf(AmqpMessages.annotation(request, "operation"));
        String resource = String.valueOf(AmqpMessages.annotation(request, "resource"));
        Object correlationId = AmqpMessages.correlationId(request);
        if (operation.equals("GET")) {
            AmqpMessages.accept(delivery);
            get(key, correlationId);
        } else if (operation.equals("PATCH") && resource.equals(REPORTED)) {
            AmqpMessages.accept(delivery);
            patchReported(key, request, correlationId);
        } else if ((operation.equals("PUT") || operation.equals("DELETE")) && resource.equals(DESIRED_NOTIFICATIONS)) {
            AmqpMessages.accept(delivery);
            identities.subscription(key, SubscriptionKind.DESIRED, operation.equals("PUT"));
        } else {
            LOG.info("twin request refused id={} operation={} resource={}", key, AmqpEvents.printable(operation),
                AmqpEvents.printable(resource));
            AmqpMessages.reject(delivery, AmqpErrors.NOT_ALLOWED, "twin operation " + operation + " on " + resource
                + " is not one IoT Hub offers");
        }
    }

    void pushDesired(IdentityKey key, byte[] patch, long version) {
        if (links.send(key, LinkAddress.Node.TWIN, message(null, null, version, patch))) {
            LOG.info("desired patch pushed id={} version={} transport=amqp", key, version);
        }
    }

    private void get(IdentityKey key, Object correlationId) {
        try {
            byte[] body = twins.get(key).toDeviceBytes();
            links.send(key, LinkAddress.Node.TWIN, message(correlationId, 200, null, body));
        } catch (Refusal refusal) {
            refuse(key, correlationId, refusal);
        } catch (StoreException e) {
            LOG.warn("twin read failed id={} reason=\"{}\"", key, e.getMessage());
            refuse(key, correlationId, new Refusal(500, "ServerError", "the hub could not read the twin"));
        }
    }

    private void patchReported(IdentityKey key, Message request, Object correlationId) {
        try {
            byte[] payload = AmqpMessages.body(request);
            if (payload.length > MAX_PATCH_BYTES) {
                throw Refusal.tooLarge("reported patch of " + payload.length + " bytes exceeds " + MAX_PATCH_BYTES);
            }
            JsonElement body = BoundedJson.parse(payload, MAX_PATCH_BYTES);
            if (!body.isJsonObject()) {
                throw Refusal.badRequest("the reported patch must be a JSON object");
            }
            Object expected = AmqpMessages.annotation(request, "version");
            Long expectedVersion = expected instanceof Number n ? n.longValue() : null;
            long version = twins.patchReported(key, body.getAsJsonObject(), expectedVersion);
            links.send(key, LinkAddress.Node.TWIN, message(correlationId, 204, version, EMPTY));
        } catch (JsonRejection e) {
            refuse(key, correlationId, e.tooLarge() ? Refusal.tooLarge(e.getMessage()) : Refusal.badRequest(e.getMessage()));
        } catch (Refusal refusal) {
            refuse(key, correlationId, refusal);
        } catch (StoreException e) {
            LOG.warn("reported patch not stored id={} reason=\"{}\"", key, e.getMessage());
            refuse(key, correlationId, new Refusal(500, "ServerError", "the hub could not store the patch"));
        }
    }

    private void refuse(IdentityKey key, Object correlationId, Refusal refusal) {
        LOG.info("twin request refused id={} status={} reason=\"{}\"", key, refusal.status(), refusal.getMessage());
        JsonObject body = new JsonObject();
        body.addProperty("errorCode", refusal.errorCode());
        body.addProperty("message", refusal.getMessage());
        links.send(key, LinkAddress.Node.TWIN, message(correlationId, refusal.status(), null,
            body.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Message message(Object correlationId, Integer status, Long version, byte[] body) {
        Message message = Proton.message();
        Properties properties = new Properties();
        properties.setCorrelationId(correlationId);
        message.setProperties(properties);
        Map<Symbol, Object> annotations = new HashMap<>();
        if (status != null) {
            annotations.put(Symbol.valueOf("status"), status);
        }
        if (version != null) {
            annotations.put(Symbol.valueOf("version"), version);
        }
        message.setMessageAnnotations(new MessageAnnotations(annotations));
        if (body.length > 0) {
            message.setBody(AmqpMessages.data(body));
        }
        return message;
    }
}
