package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.SelfSigned;
import dev.moduleagent.localhub.internal.sas.SharedAccessSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS service API: SAS authentication, IoT Hub's error statuses, bounded bodies, registry limits. */
class ServiceApiIT {

    private static final String HOST = "127.0.0.15";

    @TempDir
    static Path dataDir;

    private static LocalHub hub;
    private static ServiceClient service;
    private static HttpClient http;
    private static String ownerKey;

    @BeforeAll
    static void startHub() throws Exception {
        hub = LocalHub.start(HubConfig.defaults(HOST, dataDir));
        service = hub.serviceClient();
        ownerKey = hub.ownerConnectionString().replaceAll(".*SharedAccessKey=", "");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(HubTrust.context(hub)).build();
        service.createDevice("device-api");
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void missingAuthorizationIs401() throws Exception {
        assertEquals(401, send("GET", "/devices/device-api", null, null).statusCode());
    }

    @Test
    void tokenSignedWithAnotherKeyIs401() throws Exception {
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        String token = SharedAccessSignature.create(HOST, "iothubowner", otherKey, Instant.now().plusSeconds(600));
        HttpResponse<String> response = send("GET", "/devices/device-api", null, token);
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("signature"), response.body());
    }

    @Test
    void expiredTokenIs401() throws Exception {
        String token = SharedAccessSignature.create(HOST, "iothubowner", ownerKey, Instant.now().minusSeconds(5));
        assertEquals(401, send("GET", "/devices/device-api", null, token).statusCode());
    }

    @Test
    void tokenOfAnotherPolicyIs401() throws Exception {
        String token = SharedAccessSignature.create(HOST, "device", ownerKey, Instant.now().plusSeconds(600));
        assertEquals(401, send("GET", "/devices/device-api", null, token).statusCode());
    }

    @Test
    void validOwnerTokenIsAccepted() throws Exception {
        assertEquals(200, send("GET", "/devices/device-api", null, owner()).statusCode());
    }

    @Test
    void unknownDeviceAndModuleAre404() {
        assertStatus(404, "DeviceNotFound", () -> service.getDevice("no-such-device"));
        assertStatus(404, "ModuleNotFound", () -> service.getModuleTwin("device-api", "no-such-module"));
        assertStatus(404, "DeviceNotFound", () -> service.createModuleWithCa("no-such-device", "m"));
    }

    @Test
    void invalidJsonBodyIs400() throws Exception {
        HttpResponse<String> response = send("PUT", "/devices/device-bad-json", "{\"deviceId\": ", owner());
        assertEquals(400, response.statusCode());
        assertEquals("ArgumentInvalid", response.headers().firstValue("iothub-errorcode").orElse(null));
        JsonObject inner = JsonParser.parseString(JsonParser.parseString(response.body()).getAsJsonObject().get("Message").getAsString())
            .getAsJsonObject();
        assertEquals(400004, inner.get("errorCode").getAsInt());
        assertTrue(inner.get("message").getAsString().contains("invalid JSON"), response.body());
        assertTrue(inner.get("trackingId").getAsString().contains("-G:"), response.body());
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String huge = "{\"x\":\"" + "y".repeat(200 * 1024) + "\"}";
        for (int i = 0; i < 20; i++) { // the 413 must reach the client every time, not a reset racing it
            HttpResponse<String> response = send("PUT", "/devices/device-huge", huge, owner());
            assertEquals(413, response.statusCode(), "attempt " + i);
        }
    }

    @Test
    void desiredPatchesBreakingTwinLimitsAreRefusedAndNotStored() throws Exception {
        service.createModuleWithCa("device-api", "limits");
        JsonObject big = new JsonObject();
        for (int i = 0; i < 10; i++) {
            big.addProperty("f" + i, "z".repeat(4000));
        }
        assertStatus(413, "RequestEntityTooLarge", () -> service.patchModuleTwinDesired("device-api", "limits", big));
        assertStatus(400, "ArgumentInvalid", () -> service.patchModuleTwinDesired("device-api", "limits", json("{\"a.b\":1}")));
        assertStatus(400, "ArgumentInvalid", () -> service.patchModuleTwinDesired("device-api", "limits",
            json("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":{\"j\":{\"k\":{\"l\":1}}}}}}}}}}}}")));
        JsonObject desired = service.getModuleTwin("device-api", "limits").getAsJsonObject("properties").getAsJsonObject("desired");
        assertEquals(1, desired.get("$version").getAsInt());
        assertFalse(desired.has("f0"));
    }

    @Test
    void fiftyFirstModuleIsRefusedWithTooManyModulesOnDevice() throws Exception {
        service.createDevice("device-full");
        for (int i = 0; i < HubConfig.DEFAULT_MAX_MODULES; i++) {
            service.createModuleWithCa("device-full", "module-" + i);
        }
        ServiceException refused = assertThrows(ServiceException.class, () -> service.createModuleWithCa("device-full", "module-50"));
        assertEquals(413, refused.status());
        assertEquals("TooManyModulesOnDevice", refused.errorCode());
        assertTrue(refused.getMessage().contains("limit is 50"), refused.getMessage());
        assertEquals(50, service.modules("device-full").size());
    }

    @Test
    void theSeedDocumentsLimitOf20IsAConfiguration(@TempDir Path otherData) throws Exception {
        try (LocalHub small = LocalHub.start(HubConfig.defaults("127.0.0.66", otherData).withMaxModulesPerDevice(20))) {
            ServiceClient client = small.serviceClient();
            client.createDevice("device-20");
            for (int i = 0; i < 20; i++) {
                client.createModuleWithCa("device-20", "module-" + i);
            }
            ServiceException refused = assertThrows(ServiceException.class, () -> client.createModuleWithCa("device-20", "module-20"));
            assertEquals("TooManyModulesOnDevice", refused.errorCode());
            assertTrue(refused.getMessage().contains("limit is 20"), refused.getMessage());
        }
    }

    @Test
    void duplicateIdentityIs409AndIfMatchUpdatesIt() throws Exception {
        service.createDevice("device-dup");
        assertStatus(409, "DeviceAlreadyExists", () -> service.createDevice("device-dup"));
        String thumbprint = "AB".repeat(20);
        JsonObject body = JsonParser.parseString("{\"deviceId\":\"device-dup\",\"authentication\":{\"type\":\"selfSigned\","
            + "\"x509Thumbprint\":{\"primaryThumbprint\":\"" + thumbprint + "\"}}}").getAsJsonObject();
        HttpResponse<String> updated = send("PUT", "/devices/device-dup", body.toString(), owner(), "*");
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals(thumbprint, service.getDevice("device-dup").getAsJsonObject("authentication")
            .getAsJsonObject("x509Thumbprint").get("primaryThumbprint").getAsString());
    }

    @Test
    void invalidIdsAndThumbprintsAre400() {
        assertStatus(400, "ArgumentInvalid", () -> service.createDevice("bad device"));
        assertStatus(400, "ArgumentInvalid", () -> service.createModuleWithThumbprint("device-api", "m-tp", "not-hex", null));
    }

    @Test
    void methodOnOfflineModuleIs404DeviceNotOnline() throws Exception {
        service.createModuleWithCa("device-api", "offline");
        assertStatus(404, "DeviceNotOnline", () -> service.invokeModuleMethod("device-api", "offline", "reboot", null, 5));
        assertStatus(400, "ArgumentInvalid", () -> service.invokeModuleMethod("device-api", "offline", "reboot", null, 1));
    }

    @Test
    void wrongVerbIs405AndUnknownPathIs404() throws Exception {
        assertEquals(405, send("POST", "/devices/device-api", "{}", owner()).statusCode());
        assertEquals(404, send("GET", "/jobs/v2", null, owner()).statusCode());
    }

    @Test
    void nonCaCertificateUploadIs400() throws Exception {
        String leaf = Pem.toPem(SelfSigned.clientCertificate(KeyPairs.generate(KeyAlgorithm.EC_P256),
            IdentityName.of("device-api", null), TestIdentity.DAY));
        assertStatus(400, "ArgumentInvalid", () -> service.uploadCa("leaf", leaf));
        assertStatus(400, "ArgumentInvalid", () -> service.uploadCa("garbage", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    }

    @Test
    void deletingADeviceRemovesItsModulesAndTwins() throws Exception {
        service.createDevice("device-gone");
        service.createModuleWithCa("device-gone", "m1");
        service.deleteDevice("device-gone");
        assertStatus(404, "DeviceNotFound", () -> service.getDevice("device-gone"));
        assertStatus(404, "ModuleNotFound", () -> service.getModuleTwin("device-gone", "m1"));
        service.createDevice("device-gone");
        assertStatus(404, "ModuleNotFound", () -> service.getModule("device-gone", "m1"));
    }

    @Test
    void desiredPutReplacesAndPatchMerges() throws Exception {
        service.createModuleWithCa("device-api", "replace");
        service.patchModuleTwinDesired("device-api", "replace", json("{\"a\":1,\"b\":{\"c\":2}}"));
        JsonObject merged = service.patchModuleTwinDesired("device-api", "replace", json("{\"b\":{\"d\":3},\"a\":null}"));
        JsonObject desired = merged.getAsJsonObject("properties").getAsJsonObject("desired");
        assertFalse(desired.has("a"));
        assertEquals(2, desired.getAsJsonObject("b").get("c").getAsInt());
        assertEquals(3, desired.getAsJsonObject("b").get("d").getAsInt());
        assertEquals(3, desired.get("$version").getAsInt());
        HttpResponse<String> put = send("PUT", "/twins/device-api/modules/replace", "{\"properties\":{\"desired\":{\"only\":true}}}", owner());
        assertEquals(200, put.statusCode(), put.body());
        JsonObject replaced = JsonParser.parseString(put.body()).getAsJsonObject().getAsJsonObject("properties").getAsJsonObject("desired");
        assertFalse(replaced.has("b"));
        assertTrue(replaced.get("only").getAsBoolean());
    }

    @Test
    void sasDeviceConnectsWithItsKeyAndIsRefusedWithAnother() throws Exception {
        JsonObject device = service.createDevice("device-sas");
        String key = device.getAsJsonObject("authentication").getAsJsonObject("symmetricKey").get("primaryKey").getAsString();
        DeviceClient client = sasClient("device-sas", key);
        try {
            client.open(false);
            client.sendEvent(new Message("sas"));
            assertEquals("sas", service.events("device-sas", null, 1).get(0).get("body").getAsString());
        } finally {
            client.close();
        }
        DeviceClient wrong = sasClient("device-sas", Base64.getEncoder().encodeToString(new byte[32]));
        try {
            IotHubClientException refused = assertThrows(IotHubClientException.class, () -> wrong.open(false));
            assertEquals(IotHubStatusCode.UNAUTHORIZED, refused.getStatusCode());
        } finally {
            wrong.close();
        }
    }

    @Test
    void serviceStatisticsCountConnectedDevices() throws Exception {
        JsonObject device = service.createDevice("device-stats");
        String key = device.getAsJsonObject("authentication").getAsJsonObject("symmetricKey").get("primaryKey").getAsString();
        DeviceClient client = sasClient("device-stats", key);
        try {
            client.open(false);
            HttpResponse<String> stats = send("GET", "/statistics/service", null, owner());
            assertEquals(200, stats.statusCode(), stats.body());
            assertTrue(JsonParser.parseString(stats.body()).getAsJsonObject().get("connectedDeviceCount").getAsInt() >= 1, stats.body());
        } finally {
            client.close();
        }
    }

    /** The SDK falls back to SAS when it gets an SSLContext without x509=true: here one that only trusts the hub. */
    private static DeviceClient sasClient(String deviceId, String key) throws Exception {
        return new DeviceClient("HostName=" + HOST + ";DeviceId=" + deviceId + ";SharedAccessKey=" + key,
            IotHubClientProtocol.MQTT, ClientOptions.builder().sslContext(HubTrust.context(hub)).build());
    }

    private static void assertStatus(int status, String errorCode, Executable call) {
        ServiceException e = assertThrows(ServiceException.class, call);
        assertEquals(status, e.status(), e.getMessage());
        assertEquals(errorCode, e.errorCode(), e.getMessage());
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private static String owner() {
        return SharedAccessSignature.create(HOST, "iothubowner", ownerKey, Instant.now().plusSeconds(600));
    }

    private static HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        return send(method, path, body, token, null);
    }

    private static HttpResponse<String> send(String method, String path, String body, String token, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://" + HOST + ":" + hub.servicePort() + path
            + "?api-version=2021-04-12")).timeout(Duration.ofSeconds(20))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", token);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
