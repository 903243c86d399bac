package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AzureSasCredential;
import com.google.gson.JsonObject;
import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubUnauthorizedException;
import com.microsoft.azure.sdk.iot.service.registry.Device;
import com.microsoft.azure.sdk.iot.service.registry.RegistryClient;
import com.microsoft.azure.sdk.iot.service.twin.TwinClient;
import dev.moduleagent.localhub.internal.sas.SharedAccessSignature;
import java.nio.file.Path;
import java.time.Instant;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SAS rules, driven by Microsoft's service SDK (iot-service-client 2.1.8) on the service API: a token's {@code sr}
 * must cover the resource, device credentials reach no service route, policies have IoT Hub's rights, expired is 401;
 * and by the device SDK over MQTT: a DeviceConnect policy token connects only the identity its scope covers.
 * The SDK always connects to port 443, so this hub serves its API there; the SDK trusts the JVM's default
 * HttpsURLConnection socket factory, set to trust the hub's CA for the duration of the class.
 */
class ServiceAccessIT {

    private static final String HOST = "127.0.0.42";

    @TempDir
    static Path dataDir;

    private static LocalHub hub;
    private static ServiceClient owner;
    private static String ownerKey;
    private static String deviceAKey;
    private static SSLSocketFactory previousFactory;

    @BeforeAll
    static void startHub() throws Exception {
        hub = LocalHub.start(new HubConfig(HOST, HubConfig.DEFAULT_MQTT_PORT, 443, dataDir, HubConfig.DEFAULT_MAX_MODULES, 0));
        owner = hub.serviceClient();
        ownerKey = hub.ownerConnectionString().replaceAll(".*SharedAccessKey=", "");
        JsonObject a = owner.createDevice("device-a");
        deviceAKey = a.getAsJsonObject("authentication").getAsJsonObject("symmetricKey").get("primaryKey").getAsString();
        owner.createDevice("device-b");
        owner.patchDeviceTwinDesired("device-b", json("secret", "b-only"));
        previousFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpsURLConnection.setDefaultSSLSocketFactory(HubTrust.context(hub).getSocketFactory());
    }

    @AfterAll
    static void stopHub() {
        if (previousFactory != null) {
            HttpsURLConnection.setDefaultSSLSocketFactory(previousFactory);
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void anOwnerTokenScopedToDeviceAReadsAsTwinButNeitherBsTwinNorCreatesADevice() throws Exception {
        String scopedToA = SharedAccessSignature.create(HOST + "/devices/device-a", "iothubowner", ownerKey, in(600));
        TwinClient twins = new TwinClient(HOST, new AzureSasCredential(scopedToA));
        assertEquals("device-a", twins.get("device-a").getDeviceId());

        IotHubUnauthorizedException readB = assertThrows(IotHubUnauthorizedException.class, () -> twins.get("device-b"));
        assertTrue(readB.getMessage().contains("does not cover"), readB.getMessage());
        RegistryClient registry = new RegistryClient(HOST, new AzureSasCredential(scopedToA));
        assertThrows(IotHubUnauthorizedException.class, () -> registry.addDevice(new Device("device-c")));
        assertEquals(404, assertThrows(ServiceException.class, () -> owner.getDevice("device-c")).status());
    }

    @Test
    void deviceCredentialsReachNoServiceRouteNotEvenTheirOwnTwin() {
        String deviceToken = SharedAccessSignature.create(HOST + "/devices/device-a", null, deviceAKey, in(600));
        TwinClient twins = new TwinClient(HOST, new AzureSasCredential(deviceToken));
        IotHubUnauthorizedException own = assertThrows(IotHubUnauthorizedException.class, () -> twins.get("device-a"));
        assertTrue(own.getMessage().contains("DeviceConnect"), own.getMessage());
        assertThrows(IotHubUnauthorizedException.class, () -> twins.get("device-b"));
        RegistryClient registry = new RegistryClient(HOST, new AzureSasCredential(deviceToken));
        assertThrows(IotHubUnauthorizedException.class, () -> registry.addDevice(new Device("device-d")));
        assertEquals(404, assertThrows(ServiceException.class, () -> owner.getDevice("device-d")).status());
    }

    @Test
    void aRegistryReadPolicyReadsTheRegistryButCannotWriteItNorReadTwins() throws Exception {
        RegistryClient registry = new RegistryClient(policyConnectionString("registryRead"));
        assertEquals("device-a", registry.getDevice("device-a").getDeviceId());
        IotHubUnauthorizedException write = assertThrows(IotHubUnauthorizedException.class,
            () -> registry.addDevice(new Device("device-e")));
        assertTrue(write.getMessage().contains("RegistryWrite"), write.getMessage());
        assertEquals(404, assertThrows(ServiceException.class, () -> owner.getDevice("device-e")).status());
        TwinClient twins = new TwinClient(policyConnectionString("registryRead"));
        assertThrows(IotHubUnauthorizedException.class, () -> twins.get("device-a"));
    }

    @Test
    void theServicePolicyReadsTwinsButNotTheRegistry() throws Exception {
        TwinClient twins = new TwinClient(policyConnectionString("service"));
        assertEquals("b-only", twins.get("device-b").getDesiredProperties().get("secret"));
        RegistryClient registry = new RegistryClient(policyConnectionString("service"));
        assertThrows(IotHubUnauthorizedException.class, () -> registry.getDevice("device-a"));
    }

    @Test
    void anExpiredOwnerTokenIs401() {
        String expired = SharedAccessSignature.create(HOST, "iothubowner", ownerKey, Instant.now().minusSeconds(5));
        IotHubUnauthorizedException e = assertThrows(IotHubUnauthorizedException.class,
            () -> new RegistryClient(HOST, new AzureSasCredential(expired)).getDevice("device-a"));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void overMqttADeviceConnectPolicyTokenConnectsOnlyTheIdentityItsScopeCovers() throws Exception {
        String deviceKey = policyKey("device");
        String forA = SharedAccessSignature.create(HOST + "/devices/device-a", "device", deviceKey, in(600));
        DeviceClient a = sasClient("device-a", forA);
        try {
            a.open(false);
        } finally {
            a.close();
        }
        assertRefused(sasClient("device-b", forA));
        assertRefused(sasClient("device-a", SharedAccessSignature.create(HOST + "/devices/device-a", "service",
            policyKey("service"), in(600))));
    }

    private static void assertRefused(DeviceClient client) {
        try {
            IotHubClientException refused = assertThrows(IotHubClientException.class, () -> client.open(false));
            assertEquals(IotHubStatusCode.UNAUTHORIZED, refused.getStatusCode());
        } finally {
            client.close();
        }
    }

    /** The device SDK with a ready-made token; its SSLContext only trusts the hub (SAS, since x509=true is absent). */
    private static DeviceClient sasClient(String deviceId, String token) throws Exception {
        return new DeviceClient("HostName=" + HOST + ";DeviceId=" + deviceId + ";SharedAccessSignature=" + token,
            IotHubClientProtocol.MQTT, ClientOptions.builder().sslContext(HubTrust.context(hub)).build());
    }

    private static String policyKey(String name) throws ServiceException {
        return policyConnectionString(name).replaceAll(".*SharedAccessKey=", "");
    }

    private static String policyConnectionString(String name) throws ServiceException {
        for (JsonObject policy : owner.policies()) {
            if (policy.get("keyName").getAsString().equals(name)) {
                return "HostName=" + HOST + ";SharedAccessKeyName=" + name + ";SharedAccessKey=" + policy.get("primaryKey").getAsString();
            }
        }
        throw new AssertionError("no policy " + name);
    }

    private static Instant in(long seconds) {
        return Instant.now().plusSeconds(seconds);
    }

    private static JsonObject json(String name, String value) {
        JsonObject json = new JsonObject();
        json.addProperty(name, value);
        return json;
    }
}
