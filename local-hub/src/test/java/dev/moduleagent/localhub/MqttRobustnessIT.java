package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed, unexpected, oversized and hostile MQTT input: refused or disconnected, and the hub keeps serving. */
class MqttRobustnessIT {

    private static final String HOST = "127.0.0.14";
    private static final String DEVICE = "device-robust";
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final Duration REPLY_WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;

    private static LocalHub hub;
    private static ServiceClient service;
    private static EventLoopGroup group;
    private static TestIdentity identity;

    @BeforeAll
    static void startHub() throws Exception {
        hub = LocalHub.start(HubConfig.defaults(HOST, dataDir));
        service = hub.serviceClient();
        service.createDevice(DEVICE);
        identity = TestIdentity.selfSigned(DEVICE, "module-robust");
        service.createModuleWithThumbprint(DEVICE, "module-robust", identity.sha256(), null);
        group = new NioEventLoopGroup(2);
    }

    @AfterAll
    static void stopHub() {
        if (group != null) {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private static RawMqttClient connected() throws Exception {
        RawMqttClient client = RawMqttClient.open(group, hub, identity);
        assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED, client.connect(DEVICE + "/module-robust", HOST));
        return client;
    }

    /** The hub still answers a twin GET from a well-behaved client. */
    private static void assertHubServes() throws Exception {
        try (RawMqttClient client = connected()) {
            client.publish("$iothub/twin/GET/?$rid=check", "");
            RawMqttClient.Inbound twin = client.next(REPLY_WAIT, i -> i.type() == MqttMessageType.PUBLISH);
            assertNotNull(twin, "a twin GET response");
            assertEquals("$iothub/twin/res/200/?$rid=check", twin.topic());
            assertTrue(JsonParser.parseString(twin.text()).getAsJsonObject().has("reported"));
        }
    }

    @Test
    void malformedPacketClosesTheConnection() throws Exception {
        try (RawMqttClient client = RawMqttClient.open(group, hub, identity)) {
            client.sendRaw(new byte[] {0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01});
            assertTrue(client.awaitClosed(CLOSE_WAIT));
        }
        assertHubServes();
    }

    @Test
    void packetBeforeConnectClosesTheConnection() throws Exception {
        try (RawMqttClient client = RawMqttClient.open(group, hub, identity)) {
            client.ping();
            assertTrue(client.awaitClosed(CLOSE_WAIT));
        }
    }

    @Test
    void unsupportedProtocolLevelIsRefusedWithConnack1() throws Exception {
        try (RawMqttClient client = RawMqttClient.open(group, hub, identity)) {
            assertEquals(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION,
                client.connect("dev/mod", HOST, 60, MqttVersion.MQTT_3_1));
            assertTrue(client.awaitClosed(CLOSE_WAIT));
        }
    }

    @Test
    void publishToUnknownOrForeignTopicDisconnects() throws Exception {
        try (RawMqttClient client = connected()) {
            client.publish("foo/bar", "{}");
            assertTrue(client.awaitClosed(CLOSE_WAIT));
        }
        try (RawMqttClient client = connected()) {
            client.publish("devices/other-device/messages/events/", "{}");
            assertTrue(client.awaitClosed(CLOSE_WAIT));
        }
        assertHubServes();
    }

    @Test
    void unknownSubscriptionClosesTheConnectionAsIotHubDoes() throws Exception {
        try (RawMqttClient client = connected()) {
            client.subscribe(7, "foo/#", "$iothub/twin/res/#");
            assertTrue(client.awaitClosed(CLOSE_WAIT));
        }
        assertHubServes();
    }

    @Test
    void oversizedTelemetryDisconnects() throws Exception {
        try (RawMqttClient client = connected()) {
            client.publish("devices/" + DEVICE + "/modules/module-robust/messages/events/", new byte[300 * 1024], MqttQoS.AT_LEAST_ONCE, 3);
            assertTrue(client.awaitClosed(CLOSE_WAIT));
        }
        assertHubServes();
    }

    @Test
    void qos2PublishDisconnects() throws Exception {
        try (RawMqttClient client = connected()) {
            client.publish("devices/" + DEVICE + "/modules/module-robust/messages/events/", new byte[] {1}, MqttQoS.EXACTLY_ONCE, 4);
            assertTrue(client.awaitClosed(CLOSE_WAIT));
        }
    }

    @Test
    void badReportedPatchesAreRefusedAndNeverStored() throws Exception {
        int before = reportedVersion();
        try (RawMqttClient client = connected()) {
            assertEquals(400, patchStatus(client, "deep", nested(40)));
            assertEquals(400, patchStatus(client, "depth11", nested(12)), "an object 11 levels below the section");
            assertEquals(400, patchStatus(client, "invalid", "{\"a\": tru"));
            assertEquals(400, patchStatus(client, "trailing", "{\"a\":1} {}"));
            assertEquals(400, patchStatus(client, "array", "[1,2]"));
            assertEquals(400, patchStatus(client, "dollar", "{\"a$b\":1}"));
            assertEquals(400, patchStatus(client, "dot", "{\"a.b\":1}"));
            assertEquals(413, patchStatus(client, "large", large()));
            assertEquals(reportedVersion(), before, "refused patches change nothing");
            assertEquals(204, patchStatus(client, "depth10", nested(11)), "IoT Hub's own example: objects 10 levels deep");
        }
        assertEquals(before + 1, reportedVersion());
    }

    @Test
    void newerConnectionOfTheSameIdentityClosesTheOlder() throws Exception {
        try (RawMqttClient first = connected(); RawMqttClient second = connected()) {
            assertTrue(first.awaitClosed(CLOSE_WAIT), "the older connection is closed");
            second.ping();
            assertNotNull(second.next(REPLY_WAIT, i -> i.type() == MqttMessageType.PINGRESP));
        }
    }

    @Test
    void silentClientIsDisconnectedAfterOneAndAHalfKeepAlives() throws Exception {
        try (RawMqttClient client = RawMqttClient.open(group, hub, identity)) {
            assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED, client.connect(DEVICE + "/module-robust", HOST, 2, MqttVersion.MQTT_3_1_1));
            assertTrue(client.awaitClosed(CLOSE_WAIT));
        }
    }

    @Test
    void floodOfConnectsAndJunkIsSurvived() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<MqttConnectReturnCode>> refused = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String clientId = DEVICE + "/intruder-" + i;
                refused.add(pool.submit(() -> {
                    try (RawMqttClient client = RawMqttClient.open(group, hub, identity)) {
                        return client.connect(clientId, HOST);
                    }
                }));
            }
            List<Future<Boolean>> junk = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                junk.add(pool.submit(MqttRobustnessIT::sendJunk));
            }
            for (Future<MqttConnectReturnCode> code : refused) {
                assertEquals(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, code.get());
            }
            for (Future<Boolean> closed : junk) {
                assertTrue(closed.get(), "the hub closes a connection that sends junk");
            }
        } finally {
            pool.shutdownNow();
        }
        assertHubServes();
    }

    /** Plain bytes that are not TLS: the hub must close the socket. */
    private static boolean sendJunk() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, hub.mqttPort()), 5000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buffer = new byte[4096];
            while (socket.getInputStream().read(buffer) >= 0) {
                continue;
            }
            return true;
        }
    }

    private static int patchStatus(RawMqttClient client, String rid, String body) throws Exception {
        client.publish("$iothub/twin/PATCH/properties/reported/?$rid=" + rid, body.getBytes(StandardCharsets.UTF_8), MqttQoS.AT_LEAST_ONCE, 9);
        RawMqttClient.Inbound reply = client.next(REPLY_WAIT, i -> i.type() == MqttMessageType.PUBLISH && i.topic().contains("$rid=" + rid));
        assertNotNull(reply, "a response to " + rid);
        return Integer.parseInt(reply.topic().split("/")[3]);
    }

    private static String nested(int depth) {
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            json.append("{\"k").append(i).append("\":");
        }
        json.append("1");
        json.append("}".repeat(depth));
        return json.toString();
    }

    private static String large() {
        JsonObject json = new JsonObject();
        for (int i = 0; i < 10; i++) {
            json.addProperty("field" + i, "x".repeat(4000));
        }
        return json.toString();
    }

    private static int reportedVersion() throws ServiceException {
        return service.getModuleTwin(DEVICE, "module-robust").getAsJsonObject("properties").getAsJsonObject("reported")
            .get("$version").getAsInt();
    }
}
