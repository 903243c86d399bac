package dev.moduleagent.localhub.internal.amqp;

import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.telemetry.TelemetryLog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.message.Message;

/**
 * The telemetry node {@code /devices/{d}[/modules/{m}]/messages/events}. The SDK's AMQP fields become the same
 * {@code $.}-system properties its MQTT property bag carries, so the telemetry log reads alike for both transports:
 * message-id {@code $.mid}, correlation-id {@code $.cid}, content-type {@code $.ct}, content-encoding {@code $.ce},
 * user-id {@code $.uid}, to {@code $.to}, the annotation {@code dt-subject} (a Plug and Play component) {@code $.sub},
 * and the application properties {@code iothub-creation-time-utc} {@code $.ctime},
 * {@code iothub-connection-device-id} {@code $.cdid}, {@code iothub-connection-module-id} {@code $.cmid},
 * {@code iothub-outputname} {@code $.on}; the other application properties stay application properties.
 */
final class TelemetryNode {

    /** IoT Hub's device-to-cloud message limit. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final int MAX_PROPERTIES = 64;
    private static final Map<String, String> SYSTEM_APPLICATION_PROPERTIES = Map.of(
        "iothub-creation-time-utc", "$.ctime",
        "iothub-connection-device-id", "$.cdid",
        "iothub-connection-module-id", "$.cmid",
        "iothub-outputname", "$.on");

    private final TelemetryLog telemetry;

    TelemetryNode(TelemetryLog telemetry) {
        this.telemetry = telemetry;
    }

    void handle(IdentityKey key, Message message, Delivery delivery) {
        byte[] body = AmqpMessages.body(message);
        if (body.length > MAX_BODY_BYTES) {
            AmqpMessages.reject(delivery, AmqpErrors.MESSAGE_SIZE, "telemetry of " + body.length + " bytes exceeds " + MAX_BODY_BYTES);
            return;
        }
        Map<String, String> system = new LinkedHashMap<>();
        Map<String, String> properties = new LinkedHashMap<>();
        Properties fields = message.getProperties();
        if (fields != null) {
            put(system, "$.mid", fields.getMessageId());
            put(system, "$.cid", fields.getCorrelationId());
            put(system, "$.ct", fields.getContentType());
            put(system, "$.ce", fields.getContentEncoding());
            put(system, "$.to", fields.getTo());
            put(system, "$.uid", fields.getUserId());
        }
        put(system, "$.sub", AmqpMessages.annotation(message, "dt-subject"));
        for (Map.Entry<String, Object> e : AmqpMessages.applicationProperties(message).entrySet()) {
            String systemName = SYSTEM_APPLICATION_PROPERTIES.get(e.getKey());
            put(systemName != null ? system : properties, systemName != null ? systemName : e.getKey(), e.getValue());
        }
        if (system.size() + properties.size() > MAX_PROPERTIES) {
            AmqpMessages.reject(delivery, AmqpErrors.NOT_ALLOWED, "telemetry has more than " + MAX_PROPERTIES + " properties");
            return;
        }
        telemetry.record(key, properties, system, body);
        AmqpMessages.accept(delivery);
    }

    private static void put(Map<String, String> map, String name, Object value) {
        if (value != null && name != null) {
            map.put(name, value.toString());
        }
    }
}
