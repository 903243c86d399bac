package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.service.auth.AuthenticationType;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodsClient;
import com.microsoft.azure.sdk.iot.service.registry.Device;
import com.microsoft.azure.sdk.iot.service.registry.DeviceConnectionState;
import com.microsoft.azure.sdk.iot.service.registry.Module;
import com.microsoft.azure.sdk.iot.service.registry.RegistryClient;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One HTTPS port (443, as IoT Hub) serves the REST API and MQTT over WebSockets side by side; 8443 is the fallback
 * when 443 cannot be bound; a taken port is named in the error.
 */
class SharedPortIT {

    private static final String HOST = "127.0.0.64";
    private static final String BUSY_HOST = "127.0.0.65";

    @TempDir
    Path dataDir;

    @Test
    void serviceSdkAndMqttOverWebSocketsUseTheSamePort443() throws Exception {
        try (LocalHub hub = LocalHub.start(HubConfig.defaults(HOST, dataDir.resolve("hub")))) {
            assertEquals(443, hub.servicePort());
            ServiceSdks.trust(hub);
            RegistryClient registry = new RegistryClient(hub.ownerConnectionString());
            registry.addDevice(new Device("shared", AuthenticationType.SAS));
            TestIdentity identity = TestIdentity.selfSigned("shared", "ws");
            ServiceSdks.addThumbprintModule(registry, identity);
            ModuleClient client = identity.moduleClient(hub, IotHubClientProtocol.MQTT_WS);
            try {
                client.open(false);
                client.subscribeToMethods((name, payload, context) -> new DirectMethodResponse(200, Map.of("via", "wss")), null);
                assertEquals(DeviceConnectionState.Connected, registry.getModule("shared", "ws").getConnectionState());
                assertEquals("{\"via\":\"wss\"}", new DirectMethodsClient(hub.ownerConnectionString())
                    .invoke("shared", "ws", "ping").getPayloadAsJsonString());
            } finally {
                client.close();
                ServiceSdks.restore();
            }
        }
    }

    @Test
    void aWebSocketWithAnUnknownSubprotocolIsRefused() throws Exception {
        try (LocalHub hub = LocalHub.start(HubConfig.defaults(HOST, dataDir.resolve("hub")))) {
            HttpClient http = HttpClient.newBuilder().sslContext(HubTrust.context(hub)).build();
            CompletionException e = assertThrows(CompletionException.class, () -> http.newWebSocketBuilder().subprotocols("stomp")
                .buildAsync(URI.create("wss://" + HOST + "/$iothub/websocket"), new WebSocket.Listener() { }).join());
            assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.toString());
            assertEquals(400, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        }
    }

    @Test
    void aTakenPortIsNamedNotTheDataFolder() throws Exception {
        try (LocalHub first = LocalHub.start(HubConfig.defaults(HOST, dataDir.resolve("first")))) {
            LocalHubException e = assertThrows(LocalHubException.class,
                () -> LocalHub.start(HubConfig.defaults(HOST, dataDir.resolve("second"))));
            assertTrue(e.getMessage().contains(HOST + ":8883 is already in use"), e.getMessage());
        }
    }

    @Test
    void whenPort443IsTakenTheHubFallsBackTo8443UnlessThePortWasChosen() throws Exception {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(BUSY_HOST, 443));
            try (LocalHub hub = LocalHub.start(HubConfig.defaults(BUSY_HOST, dataDir.resolve("fallback")))) {
                assertEquals(HubConfig.FALLBACK_SERVICE_PORT, hub.servicePort());
                String reason = hub.servicePortFallback().orElseThrow();
                assertTrue(reason.contains(BUSY_HOST + ":443 is already in use"), reason);
            }
            LocalHubException e = assertThrows(LocalHubException.class,
                () -> LocalHub.start(HubConfig.defaults(BUSY_HOST, dataDir.resolve("fixed")).withServicePort(443)));
            assertTrue(e.getMessage().contains(BUSY_HOST + ":443 is already in use"), e.getMessage());
        }
    }
}
