package dev.moduleagent.localhub.internal.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.moduleagent.localhub.internal.identity.IdentityKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceTopicsTest {

    private static final IdentityKey MODULE = IdentityKey.module("dev1", "mod1");

    @Test
    void parsesTwinRequestsEchoingTheRidExactly() {
        assertEquals(new InboundTopic.TwinGet("3f2a-x%2F"), DeviceTopics.parse("$iothub/twin/GET/?$rid=3f2a-x%2F", MODULE));
        assertEquals(new InboundTopic.ReportedPatch("r1", null), DeviceTopics.parse("$iothub/twin/PATCH/properties/reported/?$rid=r1", MODULE));
        assertEquals(new InboundTopic.ReportedPatch("r2", 7L),
            DeviceTopics.parse("$iothub/twin/PATCH/properties/reported/?$rid=r2&$version=7", MODULE));
    }

    @Test
    void parsesMethodResponses() {
        assertEquals(new InboundTopic.MethodResponse(200, "a1"), DeviceTopics.parse("$iothub/methods/res/200/?$rid=a1", MODULE));
        assertInstanceOf(InboundTopic.Unsupported.class, DeviceTopics.parse("$iothub/methods/res/ok/?$rid=a1", MODULE));
    }

    @Test
    void parsesTheSdksModuleTelemetryTopicWithItsPropertyBag() {
        InboundTopic parsed = DeviceTopics.parse(
            "devices/dev1/modules/mod1/messages/events/%24.mid=m-1&%24.ct=application%2Fjson&unit=celsius%20deg/", MODULE);
        InboundTopic.Telemetry telemetry = assertInstanceOf(InboundTopic.Telemetry.class, parsed);
        assertEquals(Map.of("unit", "celsius deg"), telemetry.properties());
        assertEquals(Map.of("$.mid", "m-1", "$.ct", "application/json"), telemetry.systemProperties());
    }

    @Test
    void refusesTopicsOfOtherIdentitiesAndMissingRids() {
        assertInstanceOf(InboundTopic.Unsupported.class, DeviceTopics.parse("devices/dev1/modules/other/messages/events/", MODULE));
        assertInstanceOf(InboundTopic.Unsupported.class, DeviceTopics.parse("devices/dev1/messages/events/", MODULE));
        assertInstanceOf(InboundTopic.Unsupported.class, DeviceTopics.parse("$iothub/twin/GET/?$version=1", MODULE));
        assertInstanceOf(InboundTopic.Unsupported.class, DeviceTopics.parse("$iothub/twin/GET/?$rid=" + "r".repeat(129), MODULE));
    }

    @Test
    void mapsSubscriptionFiltersToKindsPerIdentity() {
        assertEquals(SubscriptionKind.DESIRED, SubscriptionKind.of("$iothub/twin/PATCH/properties/desired/#", MODULE));
        assertEquals(SubscriptionKind.CLOUD_TO_DEVICE, SubscriptionKind.of("devices/dev1/modules/mod1/messages/devicebound/#", MODULE));
        assertEquals(SubscriptionKind.INPUTS, SubscriptionKind.of("devices/dev1/modules/mod1/inputs/#", MODULE));
        assertNull(SubscriptionKind.of("devices/dev1/modules/other/messages/devicebound/#", MODULE));
        assertNull(SubscriptionKind.of("#", MODULE));
        assertNull(SubscriptionKind.of("devices/dev1/inputs/#", IdentityKey.device("dev1")));
    }

    @Test
    void buildsTheTopicsTheSdkParses() {
        assertEquals("$iothub/twin/res/204/?$rid=r&$version=5", DeviceTopics.reportedResponse("r", 5));
        assertEquals("$iothub/twin/PATCH/properties/desired/?$version=9", DeviceTopics.desiredPatch(9));
        assertEquals("$iothub/methods/POST/reboot/?$rid=1f", DeviceTopics.methodRequest("reboot", "1f"));
    }
}
