package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.microsoft.azure.sdk.iot.service.twin.Twin;
import com.microsoft.azure.sdk.iot.service.twin.TwinClient;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IoT Hub's MQTT details the device SDK cannot exercise (QoS 0 subscriptions, RETAIN, Will), with a bare MQTT client
 * and Microsoft's service SDK on the other side.
 */
class MqttDetailsIT {

    private static final String HOST = "127.0.0.67";
    private static final String DEVICE = "device-details";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;

    private static LocalHub hub;
    private static ServiceClient service;
    private static TwinClient twins;
    private static EventLoopGroup group;

    @BeforeAll
    static void startHub() throws Exception {
        hub = LocalHub.start(HubConfig.defaults(HOST, dataDir));
        service = hub.serviceClient();
        service.createDevice(DEVICE);
        ServiceSdks.trust(hub);
        twins = new TwinClient(hub.ownerConnectionString());
        group = new NioEventLoopGroup(2);
    }

    @AfterAll
    static void stopHub() {
        ServiceSdks.restore();
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private static RawMqttClient connected(String moduleId) throws Exception {
        TestIdentity identity = TestIdentity.selfSigned(DEVICE, moduleId);
        service.createModuleWithThumbprint(DEVICE, moduleId, identity.sha256(), null);
        RawMqttClient client = RawMqttClient.open(group, hub, identity);
        assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED, client.connect(DEVICE + "/" + moduleId, HOST));
        return client;
    }

    @Test
    void desiredPatchesGoOutAtTheGrantedQos() throws Exception {
        for (MqttQoS qos : List.of(MqttQoS.AT_MOST_ONCE, MqttQoS.AT_LEAST_ONCE)) {
            String module = "qos" + qos.value();
            try (RawMqttClient client = connected(module)) {
                client.subscribe(5, qos, "$iothub/twin/PATCH/properties/desired/#");
                RawMqttClient.Inbound ack = client.next(WAIT, i -> i.type() == MqttMessageType.SUBACK);
                assertEquals(List.of(qos.value()), ack.granted());
                Twin patch = new Twin(DEVICE, module);
                patch.getDesiredProperties().put("interval", 5);
                twins.patch(patch);
                RawMqttClient.Inbound pushed = client.next(WAIT, i -> i.type() == MqttMessageType.PUBLISH);
                assertNotNull(pushed, "the desired patch");
                assertEquals(qos, pushed.qos());
            }
        }
    }

    @Test
    void retainedTelemetryCarriesMqttRetain() throws Exception {
        try (RawMqttClient client = connected("retain")) {
            String topic = "devices/" + DEVICE + "/modules/retain/messages/events/";
            client.publish(topic, "kept".getBytes(StandardCharsets.UTF_8), MqttQoS.AT_LEAST_ONCE, 3, true);
            client.publish(topic, "plain".getBytes(StandardCharsets.UTF_8), MqttQoS.AT_LEAST_ONCE, 4, false);
            Await.until(WAIT, () -> events("retain").size() == 2, "two messages");
            List<JsonObject> events = events("retain");
            JsonObject kept = events.stream().filter(e -> e.get("body").getAsString().equals("kept")).findFirst().orElseThrow();
            JsonObject plain = events.stream().filter(e -> e.get("body").getAsString().equals("plain")).findFirst().orElseThrow();
            assertEquals("true", kept.getAsJsonObject("properties").get("mqtt-retain").getAsString());
            assertFalse(plain.getAsJsonObject("properties").has("mqtt-retain"));
        }
    }

    @Test
    void willIsForwardedAsTelemetryWhenTheConnectionDropsButNotAfterDisconnect() throws Exception {
        String topic = "devices/" + DEVICE + "/modules/will/messages/events/";
        TestIdentity identity = TestIdentity.selfSigned(DEVICE, "will");
        service.createModuleWithThumbprint(DEVICE, "will", identity.sha256(), null);
        try (RawMqttClient orderly = RawMqttClient.open(group, hub, identity)) {
            assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED, orderly.connectWithWill(DEVICE + "/will", HOST, topic, "orderly"));
            orderly.disconnect();
            assertTrue(orderly.awaitClosed(WAIT));
        }
        try (RawMqttClient dropped = RawMqttClient.open(group, hub, identity)) {
            assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED, dropped.connectWithWill(DEVICE + "/will", HOST, topic, "gone"));
        } // closed without DISCONNECT
        Await.until(WAIT, () -> !events("will").isEmpty(), "the Will message");
        List<JsonObject> events = events("will");
        assertEquals(1, events.size(), events.toString());
        assertEquals("gone", events.get(0).get("body").getAsString());
        assertEquals("Will", events.get(0).getAsJsonObject("properties").get("iothub-MessageType").getAsString());
    }

    @Test
    void subscribingToAnotherIdentitysTopicClosesTheConnection() throws Exception {
        try (RawMqttClient client = connected("nosy")) {
            client.subscribe(9, "devices/" + DEVICE + "/modules/other/messages/devicebound/#");
            assertTrue(client.awaitClosed(WAIT));
        }
    }

    private static List<JsonObject> events(String moduleId) {
        try {
            return service.events(DEVICE, moduleId, 10);
        } catch (ServiceException e) {
            throw new IllegalStateException(e);
        }
    }
}
