package dev.moduleagent.localhub.internal.mqtt;

import java.util.Map;

/** What a client's PUBLISH topic asks for. */
sealed interface InboundTopic {

    /** {@code $iothub/twin/GET/?$rid=}. */
    record TwinGet(String rid) implements InboundTopic {
    }

    /** {@code $iothub/twin/PATCH/properties/reported/?$rid=[&$version=]}. */
    record ReportedPatch(String rid, Long version) implements InboundTopic {
    }

    /** {@code $iothub/methods/res/{status}/?$rid=}. */
    record MethodResponse(int status, String rid) implements InboundTopic {
    }

    /** {@code devices/{d}[/modules/{m}]/messages/events/{property bag}}. */
    record Telemetry(Map<String, String> properties, Map<String, String> systemProperties) implements InboundTopic {
    }

    /** Not a topic IoT Hub accepts from this client. */
    record Unsupported(String reason) implements InboundTopic {
    }
}
