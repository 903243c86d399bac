package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.device.twin.ReportedPropertiesUpdateResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real SDK's ModuleClient and DeviceClient against the hub with X.509 thumbprint authentication. */
class ThumbprintModuleIT {

    private static final String HOST = "127.0.0.11";
    private static final String DEVICE = "device-tp";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;

    private static LocalHub hub;
    private static ServiceClient service;

    @BeforeAll
    static void startHub() throws Exception {
        hub = LocalHub.start(HubConfig.defaults(HOST, dataDir));
        service = hub.serviceClient();
        service.createDevice(DEVICE);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    private static TestIdentity registered(String moduleId) throws Exception {
        TestIdentity identity = TestIdentity.selfSigned(DEVICE, moduleId);
        service.createModuleWithThumbprint(DEVICE, moduleId, identity.sha256(), null);
        return identity;
    }

    @Test
    void moduleReadsTwinReportsAndReceivesDesiredPatch() throws Exception {
        TestIdentity identity = registered("twin-module");
        ModuleClient client = identity.moduleClient(hub);
        BlockingQueue<Twin> desired = new LinkedBlockingQueue<>();
        try {
            client.open(false);
            client.subscribeToDesiredProperties((twin, context) -> desired.add(twin), null);
            Twin twin = SdkCalls.getTwin(client);
            assertEquals(1, twin.getDesiredProperties().getVersion());
            assertEquals(1, twin.getReportedProperties().getVersion());

            TwinCollection report = new TwinCollection();
            report.put("firmware", "1.0.0");
            report.put("nested", Map.of("a", 1));
            ReportedPropertiesUpdateResponse first = SdkCalls.report(client, report);
            assertTrue(first.getVersion() >= 2, "the 204 carries the new reported $version");
            assertEquals(reportedVersion("twin-module"), first.getVersion());
            TwinCollection removal = new TwinCollection();
            removal.put("nested", null);
            ReportedPropertiesUpdateResponse second = SdkCalls.report(client, removal);
            assertTrue(second.getVersion() > first.getVersion());
            assertEquals(reportedVersion("twin-module"), second.getVersion());

            JsonObject reported = service.getModuleTwin(DEVICE, "twin-module").getAsJsonObject("properties").getAsJsonObject("reported");
            assertEquals("1.0.0", reported.get("firmware").getAsString());
            assertFalse(reported.has("nested"), "null deletes the reported property");
            assertNotNull(reported.getAsJsonObject("$metadata").get("firmware").getAsJsonObject().get("$lastUpdated"));

            service.patchModuleTwinDesired(DEVICE, "twin-module", JsonParser.parseString("{\"interval\":30}").getAsJsonObject());
            Twin patch = Await.take(desired, WAIT, t -> t.getDesiredProperties().containsKey("interval"), "the desired patch");
            assertEquals(2, patch.getDesiredProperties().getVersion());
            assertEquals(30L, ((Number) patch.getDesiredProperties().get("interval")).longValue());
            assertEquals(2, SdkCalls.getTwin(client).getDesiredProperties().getVersion());
        } finally {
            client.close();
        }
    }

    @Test
    void moduleAnswersMethodAndUnansweredMethodTimesOutWith504() throws Exception {
        registeredAndOpen("method-module", client -> {
            client.subscribeToMethods((name, payload, context) ->
                "echo".equals(name) ? new DirectMethodResponse(201, payload.getPayloadAsJsonElement()) : null, null);
            JsonObject result = service.invokeModuleMethod(DEVICE, "method-module", "echo",
                JsonParser.parseString("{\"x\":1}"), 10);
            assertEquals(201, result.get("status").getAsInt());
            assertEquals(1, result.getAsJsonObject("payload").get("x").getAsInt());

            ServiceException timeout = assertThrows(ServiceException.class,
                () -> service.invokeModuleMethod(DEVICE, "method-module", "ignored", null, 5));
            assertEquals(504, timeout.status());
        });
    }

    @Test
    void telemetryIsRecordedWithItsProperties() throws Exception {
        registeredAndOpen("telemetry-module", client -> {
            Message message = new Message("{\"temperature\":21.5}");
            message.setProperty("unit", "celsius");
            message.setMessageId("m-1");
            message.setContentType("application/json");
            client.sendEvent(message);
            List<JsonObject> events = service.events(DEVICE, "telemetry-module", 10);
            assertEquals(1, events.size());
            JsonObject event = events.get(0);
            assertEquals("{\"temperature\":21.5}", event.get("body").getAsString());
            assertEquals("celsius", event.getAsJsonObject("properties").get("unit").getAsString());
            assertEquals("m-1", event.getAsJsonObject("systemProperties").get("$.mid").getAsString());
            assertEquals("application/json", event.getAsJsonObject("systemProperties").get("$.ct").getAsString());
        });
    }

    @Test
    void modulesListShowsConnectionStateAndClientThumbprint() throws Exception {
        TestIdentity identity = registered("listed-module");
        ModuleClient client = identity.moduleClient(hub);
        try {
            client.open(false);
            JsonObject listed = module(service.modules(DEVICE), "listed-module");
            assertEquals("Connected", listed.get("connectionState").getAsString());
            assertEquals(identity.sha1(), listed.get("clientCertificateThumbprint").getAsString());
        } finally {
            client.close();
        }
        Await.until(WAIT, () -> state("listed-module").equals("Disconnected"), "the module to show as disconnected");
    }

    @Test
    void secondaryThumbprintInSha1FormIsAccepted() throws Exception {
        TestIdentity other = TestIdentity.selfSigned(DEVICE, "rotating-module");
        TestIdentity identity = TestIdentity.selfSigned(DEVICE, "rotating-module");
        service.createModuleWithThumbprint(DEVICE, "rotating-module", other.sha256(), identity.sha1());
        ModuleClient client = identity.moduleClient(hub);
        try {
            client.open(false);
        } finally {
            client.close();
        }
    }

    @Test
    void unknownModuleIsRefusedAsUnauthorized() throws Exception {
        assertRefused(TestIdentity.selfSigned(DEVICE, "never-registered").moduleClient(hub));
    }

    @Test
    void wrongThumbprintIsRefusedAsUnauthorized() throws Exception {
        registered("guarded-module");
        assertRefused(TestIdentity.selfSigned(DEVICE, "guarded-module").moduleClient(hub));
    }

    @Test
    void expiredCertificateIsRefusedAsUnauthorized() throws Exception {
        TestIdentity expired = TestIdentity.selfSigned(DEVICE, "expired-module", Duration.ofSeconds(-30));
        service.createModuleWithThumbprint(DEVICE, "expired-module", expired.sha256(), null);
        assertRefused(expired.moduleClient(hub));
    }

    @Test
    void deviceClientConnectsWithThumbprintAndReports() throws Exception {
        TestIdentity device = TestIdentity.selfSigned("device-direct", null);
        service.createDeviceWithThumbprint("device-direct", device.sha1(), null);
        DeviceClient client = device.deviceClient(hub);
        try {
            client.open(false);
            client.subscribeToDesiredProperties((twin, context) -> { }, null);
            TwinCollection report = new TwinCollection();
            report.put("kind", "gateway");
            ReportedPropertiesUpdateResponse response = SdkCalls.report(client, report);
            JsonObject reported = service.getDeviceTwin("device-direct").getAsJsonObject("properties").getAsJsonObject("reported");
            assertEquals("gateway", reported.get("kind").getAsString());
            assertEquals(reported.get("$version").getAsInt(), response.getVersion());
        } finally {
            client.close();
        }
    }

    private interface ClientWork {
        void run(ModuleClient client) throws Exception;
    }

    private static void registeredAndOpen(String moduleId, ClientWork work) throws Exception {
        ModuleClient client = registered(moduleId).moduleClient(hub);
        try {
            client.open(false);
            work.run(client);
        } finally {
            client.close();
        }
    }

    private static void assertRefused(ModuleClient client) {
        try {
            IotHubClientException refused = assertThrows(IotHubClientException.class, () -> client.open(false));
            assertEquals(IotHubStatusCode.UNAUTHORIZED, refused.getStatusCode());
        } finally {
            client.close();
        }
    }

    private static int reportedVersion(String moduleId) throws ServiceException {
        return service.getModuleTwin(DEVICE, moduleId).getAsJsonObject("properties").getAsJsonObject("reported").get("$version").getAsInt();
    }

    private static String state(String moduleId) {
        try {
            return module(service.modules(DEVICE), moduleId).get("connectionState").getAsString();
        } catch (ServiceException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonObject module(List<JsonObject> modules, String moduleId) {
        return modules.stream().filter(m -> m.get("moduleId").getAsString().equals(moduleId)).findFirst()
            .orElseThrow(() -> new AssertionError("module " + moduleId + " not listed"));
    }

    @Test
    void twinLimitsViolationFromDeviceIsRefusedAndNotStored() throws Exception {
        registeredAndOpen("limits-module", client -> {
            client.subscribeToDesiredProperties((twin, context) -> { }, null);
            TwinCollection bad = new TwinCollection();
            bad.put("bad key", 1);
            assertEquals(IotHubStatusCode.BAD_FORMAT, SdkCalls.refusedReport(client, bad).getStatusCode());
            JsonObject reported = service.getModuleTwin(DEVICE, "limits-module").getAsJsonObject("properties").getAsJsonObject("reported");
            assertEquals(1, reported.get("$version").getAsInt());
            assertTrue(SdkCalls.getTwin(client).getReportedProperties().isEmpty());
        });
    }
}
