package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real SDK's {@code MQTT_WS} transport ({@code wss://host/$iothub/websocket}, always port 443) against the hub's
 * WebSocket listener on 127.0.0.31: a thumbprint module reads, reports and receives a patch; a wrong certificate is
 * refused as over plain MQTT.
 */
class WebSocketModuleIT {

    private static final String HOST = "127.0.0.31";
    private static final String DEVICE = "device-ws";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;

    private static LocalHub hub;
    private static ServiceClient service;

    @BeforeAll
    static void startHub() throws Exception {
        Assumptions.assumeTrue(canBind443(), "binding port 443 needs privileges this user does not have");
        hub = LocalHub.start(HubConfig.defaults(HOST, dataDir).withWebSocketPort(HubConfig.DEFAULT_WEBSOCKET_PORT));
        service = hub.serviceClient();
        service.createDevice(DEVICE);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aModuleWorksOverMqttOverWebSockets() throws Exception {
        TestIdentity identity = TestIdentity.selfSigned(DEVICE, "ws-module");
        service.createModuleWithThumbprint(DEVICE, "ws-module", identity.sha256(), null);
        ModuleClient client = identity.moduleClient(hub, IotHubClientProtocol.MQTT_WS);
        BlockingQueue<Twin> desired = new LinkedBlockingQueue<>();
        try {
            client.open(false);
            client.subscribeToDesiredProperties((twin, context) -> desired.add(twin), null);
            assertEquals(1, SdkCalls.getTwin(client).getDesiredProperties().getVersion());
            TwinCollection report = new TwinCollection();
            report.put("transport", "MQTT_WS");
            assertTrue(SdkCalls.report(client, report).getVersion() >= 2);
            JsonObject reported = service.getModuleTwin(DEVICE, "ws-module").getAsJsonObject("properties")
                .getAsJsonObject("reported");
            assertEquals("MQTT_WS", reported.get("transport").getAsString());

            service.patchModuleTwinDesired(DEVICE, "ws-module", JsonParser.parseString("{\"a\":1}").getAsJsonObject());
            Twin patch = Await.take(desired, WAIT, t -> t.getDesiredProperties().containsKey("a"), "the desired patch");
            assertEquals(2, patch.getDesiredProperties().getVersion());
        } finally {
            client.close();
        }
    }

    @Test
    void aWrongCertificateIsRefusedOverWebSocketsToo() throws Exception {
        TestIdentity registered = TestIdentity.selfSigned(DEVICE, "ws-refused");
        service.createModuleWithThumbprint(DEVICE, "ws-refused", registered.sha256(), null);
        TestIdentity other = TestIdentity.selfSigned(DEVICE, "ws-refused"); // same name, another key
        ModuleClient client = other.moduleClient(hub, IotHubClientProtocol.MQTT_WS);
        try {
            IotHubClientException refused = assertThrows(IotHubClientException.class, () -> client.open(false));
            assertEquals(IotHubStatusCode.UNAUTHORIZED, refused.getStatusCode());
        } finally {
            client.close();
        }
    }

    @Test
    void anyOtherHttpsRequestReachesTheRestApi() throws Exception {
        TestIdentity identity = TestIdentity.selfSigned(DEVICE, "ws-probe");
        HttpClient http = HttpClient.newBuilder().sslContext(identity.sslContext(hub.caCertificateFile()))
            .connectTimeout(WAIT).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("https://" + HOST + "/index.html"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode(), "the REST API answers, and wants the owner's SAS token first");
        assertEquals("IotHubUnauthorizedAccess", response.headers().firstValue("iothub-errorcode").orElse(null));
    }

    private static boolean canBind443() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(HOST, HubConfig.DEFAULT_WEBSOCKET_PORT));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
