package dev.moduleagent.localhub.internal.mqtt;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.json.BoundedJson;
import dev.moduleagent.localhub.internal.json.JsonRejection;
import dev.moduleagent.localhub.internal.store.StoreException;
import dev.moduleagent.localhub.internal.telemetry.TelemetryLog;
import dev.moduleagent.localhub.internal.twin.TwinService;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Handles what an authenticated client publishes: twin GET and reported PATCH, method answers, telemetry. */
final class PublishRouter {

    private static final Logger LOG = LoggerFactory.getLogger(PublishRouter.class);
    /** IoT Hub's device-to-cloud message limit. */
    static final int MAX_TELEMETRY_BYTES = 256 * 1024;
    private static final int MAX_PATCH_BYTES = 128 * 1024;
    private static final byte[] EMPTY = new byte[0];
    /**
     * Twin responses go out at QoS 0, as IoT Hub sends them (the SDK's MqttIotHubConnection says so and does not ack
     * them); at QoS 1 the 2.5.0 SDK intermittently loses responses while it acknowledges the previous one.
     */
    static final MqttQoS RESPONSE_QOS = MqttQoS.AT_MOST_ONCE;

    private final TwinService twins;
    private final MethodInvoker methods;
    private final TelemetryLog telemetry;

    PublishRouter(TwinService twins, MethodInvoker methods, TelemetryLog telemetry) {
        this.twins = twins;
        this.methods = methods;
        this.telemetry = telemetry;
    }

    /** IoT Hub's application property on telemetry that was published with RETAIN. */
    static final String RETAIN_PROPERTY = "mqtt-retain";
    /** IoT Hub's application property on a forwarded Will message. */
    static final String MESSAGE_TYPE_PROPERTY = "iothub-MessageType";

    /** Handles one PUBLISH; returns the reason to disconnect the client, or null. */
    String route(ClientConnection client, String topic, byte[] payload) {
        return route(client, topic, payload, false);
    }

    /**
     * Handles one PUBLISH; returns the reason to disconnect the client, or null. Telemetry published with RETAIN gets
     * the {@value #RETAIN_PROPERTY} property, as IoT Hub adds it (IoT Hub keeps no retained messages).
     */
    String route(ClientConnection client, String topic, byte[] payload, boolean retain) {
        InboundTopic parsed = DeviceTopics.parse(topic, client.identity());
        if (parsed instanceof InboundTopic.TwinGet get) {
            twinGet(client, get.rid());
        } else if (parsed instanceof InboundTopic.ReportedPatch patch) {
            reportedPatch(client, patch, payload);
        } else if (parsed instanceof InboundTopic.MethodResponse response) {
            methods.complete(client.identity(), response.rid(), response.status(), payload);
        } else if (parsed instanceof InboundTopic.Telemetry message) {
            if (payload.length > MAX_TELEMETRY_BYTES) {
                return "telemetry message of " + payload.length + " bytes exceeds " + MAX_TELEMETRY_BYTES;
            }
            Map<String, String> properties = new LinkedHashMap<>(message.properties());
            if (retain) {
                properties.put(RETAIN_PROPERTY, "true");
            }
            telemetry.record(client.identity(), properties, message.systemProperties(), payload);
        } else {
            return ((InboundTopic.Unsupported) parsed).reason() + ": " + printable(topic);
        }
        return null;
    }

    /**
     * Forwards a Will message as telemetry with {@value #MESSAGE_TYPE_PROPERTY} = {@code Will}, as IoT Hub does when a
     * connection ends without DISCONNECT; a Will on another topic than the identity's telemetry topic is dropped.
     */
    void forwardWill(ClientConnection client, String topic, byte[] payload) {
        InboundTopic parsed = DeviceTopics.parse(topic, client.identity());
        if (!(parsed instanceof InboundTopic.Telemetry message) || payload.length > MAX_TELEMETRY_BYTES) {
            LOG.info("will dropped id={} reason=\"not a telemetry topic of this identity or too large\" topic={}", client.identity(), printable(topic));
            return;
        }
        Map<String, String> properties = new LinkedHashMap<>(message.properties());
        properties.put(MESSAGE_TYPE_PROPERTY, "Will");
        telemetry.record(client.identity(), properties, message.systemProperties(), payload);
        LOG.info("will forwarded as telemetry id={} size={}", client.identity(), payload.length);
    }

    private void twinGet(ClientConnection client, String rid) {
        try {
            client.publish(DeviceTopics.twinResponse(200, rid), twins.get(client.identity()).toDeviceBytes(), RESPONSE_QOS);
            LOG.debug("twin sent id={} rid={}", client.identity(), rid);
        } catch (Refusal refusal) {
            refuse(client, rid, refusal);
        } catch (StoreException e) {
            LOG.warn("twin read failed id={} reason=\"{}\"", client.identity(), e.getMessage());
            refuse(client, rid, new Refusal(500, "ServerError", "the hub could not read the twin"));
        }
    }

    private void reportedPatch(ClientConnection client, InboundTopic.ReportedPatch patch, byte[] payload) {
        try {
            if (payload.length > MAX_PATCH_BYTES) {
                throw Refusal.tooLarge("reported patch of " + payload.length + " bytes exceeds " + MAX_PATCH_BYTES);
            }
            JsonElement body = BoundedJson.parse(payload, MAX_PATCH_BYTES);
            if (!body.isJsonObject()) {
                throw Refusal.badRequest("the reported patch must be a JSON object");
            }
            long version = twins.patchReported(client.identity(), body.getAsJsonObject(), patch.version());
            client.publish(DeviceTopics.reportedResponse(patch.rid(), version), EMPTY, RESPONSE_QOS);
        } catch (JsonRejection e) {
            refuse(client, patch.rid(), e.tooLarge() ? Refusal.tooLarge(e.getMessage()) : Refusal.badRequest(e.getMessage()));
        } catch (Refusal refusal) {
            refuse(client, patch.rid(), refusal);
        } catch (StoreException e) {
            LOG.warn("reported patch not stored id={} reason=\"{}\"", client.identity(), e.getMessage());
            refuse(client, patch.rid(), new Refusal(500, "ServerError", "the hub could not store the patch"));
        }
    }

    private static void refuse(ClientConnection client, String rid, Refusal refusal) {
        LOG.info("twin request refused id={} status={} reason=\"{}\"", client.identity(), refusal.status(), refusal.getMessage());
        JsonObject body = new JsonObject();
        body.addProperty("errorCode", refusal.errorCode());
        body.addProperty("message", refusal.getMessage());
        client.publish(DeviceTopics.twinResponse(refusal.status(), rid), body.toString().getBytes(StandardCharsets.UTF_8), RESPONSE_QOS);
    }

    static String printable(String text) {
        String cut = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
