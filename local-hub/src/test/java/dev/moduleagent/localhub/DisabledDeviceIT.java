package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.service.auth.AuthenticationType;
import com.microsoft.azure.sdk.iot.service.registry.Device;
import com.microsoft.azure.sdk.iot.service.registry.DeviceConnectionState;
import com.microsoft.azure.sdk.iot.service.registry.DeviceStatus;
import com.microsoft.azure.sdk.iot.service.registry.RegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disabled device (status set with Microsoft's service SDK) and its modules are refused at connect with CONNACK 5
 * (the device SDK's UNAUTHORIZED), and a connected module is dropped when its device is disabled, as IoT Hub does.
 */
class DisabledDeviceIT {

    private static final String HOST = "127.0.0.63";

    @TempDir
    static Path dataDir;

    private static LocalHub hub;
    private static RegistryClient registry;

    @BeforeAll
    static void startHub() throws Exception {
        hub = ServiceSdks.startTrusted(HOST, dataDir);
        registry = new RegistryClient(hub.ownerConnectionString());
    }

    @AfterAll
    static void stopHub() {
        ServiceSdks.stop(hub);
    }

    @Test
    void disabledDeviceAndItsModulesAreRefused() throws Exception {
        TestIdentity deviceIdentity = TestIdentity.selfSigned("dis-refused", null);
        TestIdentity moduleIdentity = TestIdentity.selfSigned("dis-refused", "agent");
        Device device = new Device("dis-refused", AuthenticationType.SELF_SIGNED);
        device.setThumbprint(deviceIdentity.sha1(), deviceIdentity.sha1());
        device.setStatus(DeviceStatus.Disabled);
        registry.addDevice(device);
        addModule(moduleIdentity);
        assertEquals(DeviceStatus.Disabled, registry.getDevice("dis-refused").getStatus());
        DeviceClient deviceClient = deviceIdentity.deviceClient(hub);
        ModuleClient moduleClient = moduleIdentity.moduleClient(hub);
        try {
            assertEquals(IotHubStatusCode.UNAUTHORIZED, assertThrows(IotHubClientException.class, () -> deviceClient.open(false)).getStatusCode());
            assertEquals(IotHubStatusCode.UNAUTHORIZED, assertThrows(IotHubClientException.class, () -> moduleClient.open(false)).getStatusCode());
        } finally {
            deviceClient.close();
            moduleClient.close();
        }
    }

    @Test
    void disablingADeviceDropsItsConnectedModuleAndEnablingLetsItBack() throws Exception {
        registry.addDevice(new Device("dis-live", AuthenticationType.SAS));
        TestIdentity moduleIdentity = TestIdentity.selfSigned("dis-live", "agent");
        addModule(moduleIdentity);
        ModuleClient client = moduleIdentity.moduleClient(hub);
        try {
            client.open(false);
            awaitModuleState("dis-live", DeviceConnectionState.Connected);
            Device device = registry.getDevice("dis-live");
            device.setStatus(DeviceStatus.Disabled);
            registry.updateDevice(device);
            awaitModuleState("dis-live", DeviceConnectionState.Disconnected);
        } finally {
            client.close();
        }
        Device device = registry.getDevice("dis-live");
        device.setStatus(DeviceStatus.Enabled);
        registry.updateDevice(device);
        ModuleClient again = moduleIdentity.moduleClient(hub);
        try {
            again.open(false);
            awaitModuleState("dis-live", DeviceConnectionState.Connected);
        } finally {
            again.close();
        }
    }

    private static void addModule(TestIdentity identity) throws Exception {
        ServiceSdks.addThumbprintModule(registry, identity);
    }

    private static void awaitModuleState(String deviceId, DeviceConnectionState state) throws InterruptedException {
        Await.until(Duration.ofSeconds(10), () -> {
            try {
                return registry.getModule(deviceId, "agent").getConnectionState() == state;
            } catch (Exception e) {
                return false;
            }
        }, "module of " + deviceId + " " + state);
    }
}
