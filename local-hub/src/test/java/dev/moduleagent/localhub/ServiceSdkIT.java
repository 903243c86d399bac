package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.service.auth.AuthenticationType;
import com.microsoft.azure.sdk.iot.service.exceptions.ErrorCodeDescription;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubConflictException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubNotFoundException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubPreconditionFailedException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubUnauthorizedException;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodRequestOptions;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodsClient;
import com.microsoft.azure.sdk.iot.service.registry.Device;
import com.microsoft.azure.sdk.iot.service.registry.Module;
import com.microsoft.azure.sdk.iot.service.registry.RegistryClient;
import com.microsoft.azure.sdk.iot.service.registry.RegistryStatistics;
import com.microsoft.azure.sdk.iot.service.twin.Twin;
import com.microsoft.azure.sdk.iot.service.twin.TwinClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Microsoft's service SDK ({@code iot-service-client} 2.1.8, unmodified) drives the service API with the owner
 * connection string the hub prints: it reaches port 443 of the HostName, so the hub serves REST there.
 */
class ServiceSdkIT {

    private static final String HOST = "127.0.0.61";

    @TempDir
    static Path dataDir;

    private static LocalHub hub;
    private static RegistryClient registry;
    private static TwinClient twins;
    private static DirectMethodsClient methods;

    @BeforeAll
    static void startHub() throws Exception {
        hub = ServiceSdks.startTrusted(HOST, dataDir);
        assertEquals(443, hub.servicePort(), "the service SDK only ever uses 443");
        registry = new RegistryClient(hub.ownerConnectionString());
        twins = new TwinClient(hub.ownerConnectionString());
        methods = new DirectMethodsClient(hub.ownerConnectionString());
    }

    @AfterAll
    static void stopHub() {
        ServiceSdks.stop(hub);
    }

    @Test
    void registryCrudWithEtags() throws Exception {
        Device created = registry.addDevice(new Device("sdk-crud", AuthenticationType.SAS));
        assertNotNull(created.getETag());
        assertNotNull(created.getPrimaryKey());
        Device read = registry.getDevice("sdk-crud");
        assertEquals(created.getPrimaryKey(), read.getPrimaryKey());
        Module module = registry.addModule(new Module("sdk-crud", "m1", AuthenticationType.SAS));
        assertEquals("m1", registry.getModule("sdk-crud", "m1").getId());
        assertEquals(List.of("m1"), registry.getModulesOnDevice("sdk-crud").stream().map(Module::getId).toList());
        Device updated = registry.updateDevice(read);
        assertNotEquals(created.getETag(), updated.getETag());
        expect(IotHubPreconditionFailedException.class, ErrorCodeDescription.PreconditionFailed, () -> registry.removeDevice(created));
        registry.removeModule(module);
        registry.removeDevice(updated);
        expect(IotHubNotFoundException.class, ErrorCodeDescription.DeviceNotFound, () -> registry.getDevice("sdk-crud"));
    }

    @Test
    void errorsArriveAsTheSdksTypedErrors() throws Exception {
        registry.addDevice(new Device("sdk-errors", AuthenticationType.SAS));
        expect(IotHubNotFoundException.class, ErrorCodeDescription.DeviceNotFound, () -> registry.getDevice("sdk-missing"));
        expect(IotHubNotFoundException.class, ErrorCodeDescription.ModuleNotFound, () -> registry.getModule("sdk-errors", "none"));
        expect(IotHubConflictException.class, ErrorCodeDescription.DeviceAlreadyExists,
            () -> registry.addDevice(new Device("sdk-errors", AuthenticationType.SAS)));
        registry.addModule(new Module("sdk-errors", "m", AuthenticationType.SAS));
        expect(IotHubConflictException.class, ErrorCodeDescription.ModuleAlreadyExistsOnDevice,
            () -> registry.addModule(new Module("sdk-errors", "m", AuthenticationType.SAS)));
        IotHubException offline = expect(IotHubNotFoundException.class, ErrorCodeDescription.DeviceNotOnline,
            () -> methods.invoke("sdk-errors", "m", "reboot", DirectMethodRequestOptions.builder().methodConnectTimeoutSeconds(0).build()));
        assertEquals(404103, offline.getErrorCode());
        expect(IotHubNotFoundException.class, ErrorCodeDescription.DeviceNotFound, () -> twins.get("sdk-missing"));
        String wrongKey = hub.ownerConnectionString().replaceAll("SharedAccessKey=.*", "SharedAccessKey="
            + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        expect(IotHubUnauthorizedException.class, ErrorCodeDescription.IotHubUnauthorizedAccess,
            () -> new RegistryClient(wrongKey).getDevice("sdk-errors"));
    }

    @Test
    void twinGetPatchReplaceWithEtags() throws Exception {
        registry.addDevice(new Device("sdk-twin", AuthenticationType.SAS));
        registry.addModule(new Module("sdk-twin", "m", AuthenticationType.SAS));
        Twin twin = twins.get("sdk-twin", "m");
        assertEquals("m", twin.getModuleId());
        twin.getTags().put("role", "gateway");
        twin.getDesiredProperties().put("firmware", Map.of("version", "1.2.3"));
        Twin patched = twins.patch(twin);
        assertEquals("gateway", patched.getTags().get("role"));
        assertEquals(2, patched.getDesiredProperties().getVersion());
        Twin stale = new Twin("sdk-twin", "m");
        stale.setETag(twin.getETag());
        stale.getDesiredProperties().put("other", 1);
        expect(IotHubPreconditionFailedException.class, ErrorCodeDescription.PreconditionFailed, () -> twins.patch(stale, twin.getETag()));
        Twin replacement = new Twin("sdk-twin", "m");
        replacement.getDesiredProperties().put("only", true);
        Twin replaced = twins.replace(replacement);
        assertEquals(true, replaced.getDesiredProperties().get("only"));
        assertTrue(!replaced.getDesiredProperties().containsKey("firmware"), replaced.toString());
    }

    @Test
    void directMethodReachesTheConnectedModule() throws Exception {
        TestIdentity identity = TestIdentity.selfSigned("sdk-method", "m");
        Device device = new Device("sdk-method", AuthenticationType.SAS);
        registry.addDevice(device);
        ServiceSdks.addThumbprintModule(registry, identity);
        ModuleClient client = identity.moduleClient(hub);
        BlockingQueue<String> calls = new LinkedBlockingQueue<>();
        try {
            client.open(false);
            client.subscribeToMethods((name, payload, context) -> {
                calls.add(name + ":" + payload.getPayloadAsJsonString());
                return new DirectMethodResponse(201, Map.of("done", true));
            }, null);
            com.microsoft.azure.sdk.iot.service.methods.DirectMethodResponse answer = methods.invoke("sdk-method", "m", "reboot",
                DirectMethodRequestOptions.builder().payload(Map.of("delay", 1)).methodResponseTimeoutSeconds(20).build());
            assertEquals(201, answer.getStatus());
            assertEquals("{\"done\":true}", answer.getPayloadAsJsonString());
            assertEquals("reboot:{\"delay\":1}", Await.take(calls, Duration.ofSeconds(5), c -> true, "the method call"));
        } finally {
            client.close();
        }
    }

    @Test
    void aMethodWaitsForTheModuleToConnectWithinConnectTimeout() throws Exception {
        TestIdentity identity = TestIdentity.selfSigned("sdk-late", "m");
        registry.addDevice(new Device("sdk-late", AuthenticationType.SAS));
        ServiceSdks.addThumbprintModule(registry, identity);
        CompletableFuture<com.microsoft.azure.sdk.iot.service.methods.DirectMethodResponse> call = CompletableFuture.supplyAsync(() -> {
            try {
                return methods.invoke("sdk-late", "m", "wake", DirectMethodRequestOptions.builder()
                    .methodConnectTimeoutSeconds(30).methodResponseTimeoutSeconds(10).build());
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        ModuleClient client = identity.moduleClient(hub);
        try {
            client.open(false);
            client.subscribeToMethods((name, payload, context) -> new DirectMethodResponse(200, name), null);
            assertEquals(200, call.get(40, TimeUnit.SECONDS).getStatus());
        } finally {
            client.close();
        }
    }

    @Test
    void moduleQuotaTagsLimitAndTwinSizeAreIotHubs() throws Exception {
        registry.addDevice(new Device("sdk-limits", AuthenticationType.SAS));
        for (int i = 0; i < HubConfig.DEFAULT_MAX_MODULES; i++) {
            registry.addModule(new Module("sdk-limits", "m" + i, AuthenticationType.SAS));
        }
        IotHubException quota = assertThrows(IotHubException.class,
            () -> registry.addModule(new Module("sdk-limits", "m50", AuthenticationType.SAS)));
        assertEquals(413003, quota.getErrorCode(), "TooManyModulesOnDevice");

        Twin tags = new Twin("sdk-limits");
        tags.getTags().put("big", "t".repeat(8 * 1024));
        assertThrows(IotHubException.class, () -> twins.patch(tags), "tags are limited to 8 KB");

        Twin numbers = new Twin("sdk-limits");
        for (int i = 0; i < 2000; i++) {
            numbers.getDesiredProperties().put(String.format("k%04d", i), 1234567890123L + i);
        }
        // the JSON text is about 50 KB, but IoT Hub counts 5 + 8 bytes per property: 26,000 of the 32 KB allowed
        assertTrue(twins.patch(numbers).getDesiredProperties().containsKey("k1999"));
    }

    @Test
    void statisticsCountDevices() throws Exception {
        RegistryStatistics before = registry.getStatistics();
        registry.addDevice(new Device("sdk-stats", AuthenticationType.SAS));
        RegistryStatistics after = registry.getStatistics();
        assertEquals(before.getTotalDeviceCount() + 1, after.getTotalDeviceCount());
        assertEquals(after.getTotalDeviceCount(), after.getEnabledDeviceCount() + after.getDisabledDeviceCount());
    }

    private static <T extends IotHubException> T expect(Class<T> type, ErrorCodeDescription code, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(code, e.getErrorCodeDescription(), e.getMessage());
        return e;
    }

}
