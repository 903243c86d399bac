package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.transport.IotHubConnectionStatus;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub restart on the same data folder: the unmodified SDK reconnects by itself and finds its twin and session intact. */
class HubRestartIT {

    private static final String HOST = "127.0.0.13";
    private static final String DEVICE = "device-restart";
    private static final String MODULE = "module-restart";

    @TempDir
    Path dataDir;

    private LocalHub hub;

    @AfterEach
    void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void sdkReconnectsAfterRestartWithTwinAndSubscriptionsIntact() throws Exception {
        hub = LocalHub.start(HubConfig.defaults(HOST, dataDir));
        TestIdentity identity = TestIdentity.selfSigned(DEVICE, MODULE);
        hub.serviceClient().createDevice(DEVICE);
        hub.serviceClient().createModuleWithThumbprint(DEVICE, MODULE, identity.sha256(), null);
        ModuleClient client = identity.moduleClient(hub);
        BlockingQueue<IotHubConnectionStatus> statuses = new LinkedBlockingQueue<>();
        BlockingQueue<Twin> desired = new LinkedBlockingQueue<>();
        client.setConnectionStatusChangeCallback(context -> statuses.add(context.getNewStatus()), null);
        try {
            client.open(false);
            client.subscribeToDesiredProperties((twin, context) -> desired.add(twin), null);
            client.subscribeToMethods((name, payload, context) -> new DirectMethodResponse(200, Map.of("alive", true)), null);
            TwinCollection report = new TwinCollection();
            report.put("phase", "before-restart");
            int reportedVersion = SdkCalls.report(client, report).getVersion();

            hub.close();
            Await.take(statuses, Duration.ofSeconds(30), s -> s == IotHubConnectionStatus.DISCONNECTED_RETRYING, "the SDK to notice the stop");
            hub = LocalHub.start(HubConfig.defaults(HOST, dataDir));
            Await.take(statuses, Duration.ofSeconds(60), s -> s == IotHubConnectionStatus.CONNECTED, "the SDK to reconnect");

            Twin twin = SdkCalls.getTwin(client);
            assertEquals("before-restart", twin.getReportedProperties().get("phase"));
            // The SDK may re-send the reported patch after the reconnect when it missed its PUBACK (PROTOCOL-NOTES,
            // SDK defect 2): the hub then applies it again and the version moves on. Intact means: nothing lost or
            // reset by the restart, and the SDK sees exactly the hub's stored twin.
            int afterRestart = twin.getReportedProperties().getVersion();
            assertTrue(afterRestart >= reportedVersion, afterRestart + " < " + reportedVersion);
            assertEquals(hub.serviceClient().getModuleTwin(DEVICE, MODULE).getAsJsonObject("properties")
                .getAsJsonObject("reported").get("$version").getAsInt(), afterRestart);

            ServiceClient service = hub.serviceClient();
            service.patchModuleTwinDesired(DEVICE, MODULE, JsonParser.parseString("{\"after\":\"restart\"}").getAsJsonObject());
            Twin patch = Await.take(desired, Duration.ofSeconds(20), t -> t.getDesiredProperties().containsKey("after"),
                "a desired patch on the session the SDK did not re-subscribe");
            assertEquals(2, patch.getDesiredProperties().getVersion());
            JsonObject answer = service.invokeModuleMethod(DEVICE, MODULE, "ping", null, 10);
            assertEquals(200, answer.get("status").getAsInt());
        } finally {
            client.close();
        }
    }
}
