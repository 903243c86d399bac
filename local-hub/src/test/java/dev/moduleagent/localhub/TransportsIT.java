package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.InternalClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.Pem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One suite for every transport of the unmodified SDK (MQTT, MQTT_WS, AMQPS, AMQPS_WS) and every way an identity
 * authenticates (a module with an X.509 thumbprint, a module signed by a verified CA, a device with a SAS key): twin
 * GET, reported PATCH (read back through the service API), desired notification with its version, a direct method,
 * and telemetry with a property and a Plug and Play component, all in the hub's shared stores.
 */
class TransportsIT {

    private static final String HOST = "127.0.0.71";
    private static final String DEVICE = "device-x509";
    private static final Duration WAIT = Duration.ofSeconds(20);

    enum Identity { THUMBPRINT_MODULE, CA_MODULE, SAS_DEVICE }

    @TempDir
    static Path dataDir;

    private static LocalHub hub;
    private static ServiceClient service;
    private static CertificateAuthority root;

    @BeforeAll
    static void startHub() throws Exception {
        hub = LocalHub.start(HubConfig.defaults(HOST, dataDir).withWebSocketPort(HubConfig.DEFAULT_WEBSOCKET_PORT));
        service = hub.serviceClient();
        service.createDevice(DEVICE);
        root = CertificateAuthority.createRoot("Transports Root CA", KeyAlgorithm.EC_P256, TestIdentity.DAY);
        JsonObject uploaded = service.uploadCa("transports-root", Pem.toPem(root.certificate()));
        String code = uploaded.getAsJsonObject("properties").get("verificationCode").getAsString();
        service.verifyCa("transports-root", Pem.toPem(root.verificationCertificate(code, TestIdentity.DAY)));
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    static Stream<Arguments> transportsAndIdentities() {
        return Stream.of(IotHubClientProtocol.MQTT, IotHubClientProtocol.AMQPS, IotHubClientProtocol.AMQPS_WS,
                IotHubClientProtocol.MQTT_WS)
            .flatMap(protocol -> Stream.of(Identity.values()).map(identity -> Arguments.of(protocol, identity)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transportsAndIdentities")
    void sdkClientUsesTwinMethodsAndTelemetry(IotHubClientProtocol protocol, Identity kind) throws Exception {
        String id = (protocol.name() + "-" + kind.name()).toLowerCase().replace('_', '-');
        Connected connected = connect(protocol, kind, id);
        InternalClient client = connected.client();
        BlockingQueue<Twin> desired = new LinkedBlockingQueue<>();
        SdkCalls.Opener opener = c -> {
            c.open(false);
            c.subscribeToDesiredProperties((twin, context) -> desired.add(twin), null);
            c.subscribeToMethods((name, payload, context) ->
                new DirectMethodResponse(200, Map.of("method", name, "echo", payload.getPayloadAsJsonElement())), null);
        };
        try {
            opener.open(client);
            Twin twin = SdkCalls.getTwin(client, opener);
            assertEquals(1, twin.getDesiredProperties().getVersion());

            TwinCollection report = new TwinCollection();
            report.put("transport", protocol.name());
            int version = SdkCalls.report(client, report, opener).getVersion();
            JsonObject reported = connected.twin().getAsJsonObject("properties").getAsJsonObject("reported");
            assertEquals(reported.get("$version").getAsInt(), version, "the response carries the new reported version");
            assertEquals(protocol.name(), reported.get("transport").getAsString());

            connected.patchDesired("{\"interval\":" + (10 + kind.ordinal()) + "}");
            Twin patch = Await.take(desired, WAIT, t -> t.getDesiredProperties().containsKey("interval"), "the desired patch");
            assertEquals(2, patch.getDesiredProperties().getVersion());
            assertEquals(10 + kind.ordinal(), ((Number) patch.getDesiredProperties().get("interval")).intValue());
            assertEquals(2, SdkCalls.getTwin(client, opener).getDesiredProperties().getVersion());

            JsonObject answer = connected.invoke("firmware*reboot", JsonParser.parseString("{\"delay\":3}"));
            assertEquals(200, answer.get("status").getAsInt());
            assertEquals("firmware*reboot", answer.getAsJsonObject("payload").get("method").getAsString());
            assertEquals(3, answer.getAsJsonObject("payload").getAsJsonObject("echo").get("delay").getAsInt());

            Message message = new Message("{\"t\":21.5}");
            message.setProperty("unit", "celsius");
            message.setMessageId("m-" + id);
            message.setContentType("application/json");
            message.setComponentName("thermostat");
            client.sendEvent(message);
            List<JsonObject> events = connected.events();
            assertEquals(1, events.size());
            JsonObject event = events.get(0);
            assertEquals("{\"t\":21.5}", event.get("body").getAsString());
            assertEquals("celsius", event.getAsJsonObject("properties").get("unit").getAsString());
            JsonObject system = event.getAsJsonObject("systemProperties");
            assertEquals("m-" + id, system.get("$.mid").getAsString());
            assertEquals("application/json", system.get("$.ct").getAsString());
            assertEquals("thermostat", system.get("$.sub").getAsString());
            assertTrue(connected.online(), "the registry shows the identity connected");
        } finally {
            client.close();
        }
    }

    /**
     * A call with {@code connectTimeoutInSeconds} waits for a module that connects over AMQPS afterwards: opening its
     * method link releases the waiting call, as a SUBACK does over MQTT.
     */
    @Test
    void aWaitingMethodCallReachesAnAmqpModuleThatConnectsLater() throws Exception {
        String id = "amqps-late";
        TestIdentity identity = TestIdentity.selfSigned(DEVICE, id);
        service.createModuleWithThumbprint(DEVICE, id, identity.sha256(), null);
        CompletableFuture<JsonObject> call = CompletableFuture.supplyAsync(() -> {
            try {
                return service.invokeMethod(DEVICE, id, "late", JsonParser.parseString("{}"), 10, 60);
            } catch (ServiceException e) {
                throw new CompletionException(e);
            }
        });
        ModuleClient client = identity.moduleClient(hub, IotHubClientProtocol.AMQPS);
        try {
            client.open(false);
            client.subscribeToMethods((name, payload, context) -> new DirectMethodResponse(200, Map.of("method", name)), null);
            JsonObject answer = call.get(WAIT.toSeconds() + 60, TimeUnit.SECONDS);
            assertEquals(200, answer.get("status").getAsInt());
            assertEquals("late", answer.getAsJsonObject("payload").get("method").getAsString());
        } finally {
            client.close();
        }
    }

    /** A registered identity, its SDK client and the service calls that address it. */
    private record Connected(InternalClient client, String deviceId, String moduleId) {

        JsonObject twin() throws ServiceException {
            return moduleId == null ? service.getDeviceTwin(deviceId) : service.getModuleTwin(deviceId, moduleId);
        }

        void patchDesired(String patch) throws ServiceException {
            JsonObject json = JsonParser.parseString(patch).getAsJsonObject();
            if (moduleId == null) {
                service.patchDeviceTwinDesired(deviceId, json);
            } else {
                service.patchModuleTwinDesired(deviceId, moduleId, json);
            }
        }

        JsonObject invoke(String method, com.google.gson.JsonElement payload) throws ServiceException {
            return moduleId == null ? service.invokeDeviceMethod(deviceId, method, payload, 10)
                : service.invokeModuleMethod(deviceId, moduleId, method, payload, 10);
        }

        List<JsonObject> events() throws ServiceException {
            return service.events(deviceId, moduleId, 10);
        }

        boolean online() throws ServiceException {
            JsonObject identity = moduleId == null ? service.getDevice(deviceId) : service.getModule(deviceId, moduleId);
            return "Connected".equalsIgnoreCase(identity.get("connectionState").getAsString());
        }
    }

    private static Connected connect(IotHubClientProtocol protocol, Identity kind, String id) throws Exception {
        switch (kind) {
            case THUMBPRINT_MODULE -> {
                TestIdentity identity = TestIdentity.selfSigned(DEVICE, id);
                service.createModuleWithThumbprint(DEVICE, id, identity.sha256(), null);
                return new Connected(identity.moduleClient(hub, protocol), DEVICE, id);
            }
            case CA_MODULE -> {
                service.createModuleWithCa(DEVICE, id);
                TestIdentity identity = TestIdentity.issuedBy(root, DEVICE, id, TestIdentity.DAY);
                return new Connected(identity.moduleClient(hub, protocol), DEVICE, id);
            }
            default -> {
                JsonObject device = service.createDevice(id);
                String key = device.getAsJsonObject("authentication").getAsJsonObject("symmetricKey").get("primaryKey").getAsString();
                DeviceClient client = new DeviceClient("HostName=" + HOST + ";DeviceId=" + id + ";SharedAccessKey=" + key,
                    protocol, ClientOptions.builder().sslContext(HubTrust.context(hub)).build());
                return new Connected(client, id, null);
            }
        }
    }
}
