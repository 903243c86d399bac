package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.transport.IotHubConnectionStatus;
import dev.moduleagent.localhub.internal.sas.SharedAccessSignature;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AMQP input the SDK never sends, and the rules that hold across transports: refused credentials, unknown nodes,
 * oversized frames, SAS tokens that run out, and one connection per identity whether it came over MQTT or AMQP.
 */
class AmqpRobustnessIT {

    private static final String HOST = "127.0.0.72";
    private static final String DEVICE = "device-amqp";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path dataDir;

    private static LocalHub hub;
    private static ServiceClient service;
    private static TestIdentity module;
    private static EventLoopGroup group;

    @BeforeAll
    static void startHub() throws Exception {
        hub = LocalHub.start(HubConfig.defaults(HOST, dataDir));
        service = hub.serviceClient();
        service.createDevice(DEVICE);
        module = TestIdentity.selfSigned(DEVICE, "module-amqp");
        service.createModuleWithThumbprint(DEVICE, "module-amqp", module.sha256(), null);
        group = new NioEventLoopGroup(1);
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

    @Test
    void aCertificateThatMatchesNoThumbprintIsRefusedAsUnauthorized() throws Exception {
        TestIdentity stranger = TestIdentity.selfSigned(DEVICE, "module-amqp");
        ModuleClient client = stranger.moduleClient(hub, IotHubClientProtocol.AMQPS);
        try {
            IotHubClientException refused = assertThrows(IotHubClientException.class, () -> client.open(false));
            assertEquals(IotHubStatusCode.UNAUTHORIZED, refused.getStatusCode());
        } finally {
            client.close();
        }
    }

    @Test
    void aSasDeviceWithAWrongKeyIsRefusedAsUnauthorized() throws Exception {
        service.createDevice("sas-wrong-key");
        DeviceClient client = new DeviceClient("HostName=" + HOST + ";DeviceId=sas-wrong-key;SharedAccessKey="
            + Base64.getEncoder().encodeToString(new byte[32]), IotHubClientProtocol.AMQPS,
            ClientOptions.builder().sslContext(HubTrust.context(hub)).build());
        try {
            IotHubClientException refused = assertThrows(IotHubClientException.class, () -> client.open(false));
            assertEquals(IotHubStatusCode.UNAUTHORIZED, refused.getStatusCode());
        } finally {
            client.close();
        }
    }

    @Test
    void aLinkToANodeIoTHubDoesNotOfferIsRefusedWithNotFound() throws Exception {
        try (RawAmqpClient client = RawAmqpClient.open(hub, module.sslContext(hub.caCertificateFile()))) {
            Session session = client.connection().session();
            session.open();
            Sender sender = sender(session, "/devices/" + DEVICE + "/modules/module-amqp/nowhere");
            Event closed = client.await(WAIT, e -> e.getType() == Event.Type.LINK_REMOTE_CLOSE);
            assertNotNull(closed, "the link is closed by the hub");
            assertEquals(Symbol.valueOf("amqp:not-found"), sender.getRemoteCondition().getCondition());
        }
    }

    @Test
    void aLinkOfAnIdentityWithoutItsCertificateClosesTheConnectionAsUnauthorized() throws Exception {
        try (RawAmqpClient client = RawAmqpClient.open(hub, HubTrust.context(hub))) {
            Session session = client.connection().session();
            session.open();
            sender(session, "/devices/" + DEVICE + "/modules/module-amqp/twin");
            Event closed = client.await(WAIT, e -> e.getType() == Event.Type.CONNECTION_REMOTE_CLOSE);
            assertNotNull(closed, "the hub closes the connection");
            ErrorCondition condition = client.connection().getRemoteCondition();
            assertEquals(Symbol.valueOf("amqp:unauthorized-access"), condition.getCondition());
            assertTrue(condition.getDescription().contains("no client certificate"), condition.getDescription());
            assertTrue(client.awaitSocketClosed(WAIT));
        }
    }

    @Test
    void aFrameLargerThanTheHubsMaximumClosesTheConnectionWithAFramingError() throws Exception {
        try (RawAmqpClient client = RawAmqpClient.open(hub, module.sslContext(hub.caCertificateFile()))) {
            assertNotNull(client.await(WAIT, e -> e.getType() == Event.Type.CONNECTION_REMOTE_OPEN));
            // a frame header announcing 16 MB: the hub advertised 64 KB in its OPEN frame
            client.sendRaw(new byte[] {0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00});
            Event closed = client.await(WAIT, e -> e.getType() == Event.Type.CONNECTION_REMOTE_CLOSE);
            assertNotNull(closed, "the hub closes the connection");
            assertEquals(Symbol.valueOf("amqp:connection:framing-error"), client.connection().getRemoteCondition().getCondition());
            assertTrue(client.awaitSocketClosed(WAIT));
        }
        assertServes();
    }

    @Test
    void aSasTokenIsAcceptedByCbsAndItsExpiryEndsTheConnection() throws Exception {
        JsonObject device = service.createDevice("sas-expiring");
        String key = device.getAsJsonObject("authentication").getAsJsonObject("symmetricKey").get("primaryKey").getAsString();
        try (RawAmqpClient client = RawAmqpClient.open(hub, HubTrust.context(hub))) {
            Session session = client.connection().session();
            session.open();
            Sender cbs = sender(session, "$cbs");
            Receiver replies = receiver(session, "$cbs");
            String wrong = SharedAccessSignature.create(HOST + "/devices/sas-expiring", null,
                Base64.getEncoder().encodeToString(new byte[32]), Instant.now().plusSeconds(60));
            assertEquals(401, putToken(client, cbs, replies, wrong));
            String token = SharedAccessSignature.create(HOST + "/devices/sas-expiring", null, key, Instant.now().plusSeconds(3));
            assertEquals(200, putToken(client, cbs, replies, token));
            Sender twin = sender(session, "/devices/sas-expiring/twin");
            assertNotNull(client.await(WAIT, e -> e.getType() == Event.Type.LINK_REMOTE_OPEN && e.getLink() == twin));

            Event closed = client.await(WAIT, e -> e.getType() == Event.Type.CONNECTION_REMOTE_CLOSE);
            assertNotNull(closed, "the hub closes the connection once the token expired");
            ErrorCondition condition = client.connection().getRemoteCondition();
            assertEquals(Symbol.valueOf("amqp:unauthorized-access"), condition.getCondition());
            assertTrue(condition.getDescription().contains("expired"), condition.getDescription());
        }
    }

    @Test
    void aNewConnectionOfTheSameIdentityClosesTheOlderOneAcrossTransports() throws Exception {
        ModuleClient amqp = module.moduleClient(hub, IotHubClientProtocol.AMQPS);
        BlockingQueue<IotHubConnectionStatus> statuses = new LinkedBlockingQueue<>();
        amqp.setConnectionStatusChangeCallback(context -> statuses.add(context.getNewStatus()), null);
        try {
            amqp.open(false);
            try (RawMqttClient mqtt = RawMqttClient.open(group, hub, module)) {
                assertEquals(MqttConnectReturnCode.CONNECTION_ACCEPTED, mqtt.connect(DEVICE + "/module-amqp", HOST));
                Await.take(statuses, WAIT, s -> s == IotHubConnectionStatus.DISCONNECTED_RETRYING,
                    "the AMQP connection closed by the newer MQTT one");
                // the SDK reconnects over AMQP, which in turn closes the MQTT connection
                assertTrue(mqtt.awaitClosed(Duration.ofSeconds(60)), "the MQTT connection closed by the newer AMQP one");
            }
        } finally {
            amqp.close();
        }
    }

    private static int putToken(RawAmqpClient client, Sender cbs, Receiver replies, String token) throws Exception {
        UUID id = UUID.randomUUID();
        Message request = Proton.message();
        Properties properties = new Properties();
        properties.setMessageId(id);
        properties.setTo("$cbs");
        properties.setReplyTo("cbs");
        request.setProperties(properties);
        request.setApplicationProperties(new ApplicationProperties(Map.of("operation", "put-token",
            "type", "servicebus.windows.net:sastoken", "name", HOST + "/devices/sas-expiring")));
        request.setBody(new AmqpValue(token));
        byte[] bytes = new byte[4096];
        int length = request.encode(bytes, 0, bytes.length);
        cbs.delivery(id.toString().getBytes(StandardCharsets.US_ASCII));
        cbs.send(bytes, 0, length);
        cbs.advance();
        Event reply = client.await(WAIT, e -> e.getType() == Event.Type.DELIVERY && e.getLink() == replies
            && e.getDelivery().isReadable() && !e.getDelivery().isPartial());
        assertNotNull(reply, "a CBS reply");
        Delivery delivery = reply.getDelivery();
        byte[] in = new byte[delivery.pending()];
        int read = replies.recv(in, 0, in.length);
        replies.advance();
        delivery.settle();
        Message response = Proton.message();
        response.decode(in, 0, read);
        assertEquals(id, response.getProperties().getCorrelationId());
        return (Integer) response.getApplicationProperties().getValue().get("status-code");
    }

    private static Sender sender(Session session, String address) {
        Sender sender = session.sender("sender-" + UUID.randomUUID());
        Target target = new Target();
        target.setAddress(address);
        sender.setTarget(target);
        sender.setSource(new Source());
        sender.open();
        return sender;
    }

    private static Receiver receiver(Session session, String address) {
        Receiver receiver = session.receiver("receiver-" + UUID.randomUUID());
        Source source = new Source();
        source.setAddress(address);
        receiver.setSource(source);
        receiver.setTarget(new Target());
        receiver.open();
        receiver.flow(10);
        return receiver;
    }

    /** The hub still serves a well-behaved AMQP client. */
    private static void assertServes() throws Exception {
        ModuleClient client = module.moduleClient(hub, IotHubClientProtocol.AMQPS);
        try {
            client.open(false);
            client.subscribeToDesiredProperties((twin, context) -> { }, null);
            assertEquals(1, SdkCalls.getTwin(client).getDesiredProperties().getVersion());
        } finally {
            client.close();
        }
    }
}
