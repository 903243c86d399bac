package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import com.microsoft.azure.sdk.iot.service.auth.AuthenticationType;
import com.microsoft.azure.sdk.iot.service.exceptions.ErrorCodeDescription;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubBadFormatException;
import com.microsoft.azure.sdk.iot.service.query.QueryClient;
import com.microsoft.azure.sdk.iot.service.query.QueryPageOptions;
import com.microsoft.azure.sdk.iot.service.query.RawQueryResponse;
import com.microsoft.azure.sdk.iot.service.query.TwinQueryResponse;
import com.microsoft.azure.sdk.iot.service.registry.Device;
import com.microsoft.azure.sdk.iot.service.registry.RegistryClient;
import com.microsoft.azure.sdk.iot.service.twin.Twin;
import com.microsoft.azure.sdk.iot.service.twin.TwinClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twin queries in IoT Hub's query language through Microsoft's {@code QueryClient}: a fleet of three gateways whose
 * agent modules report their firmware (with the unmodified device SDK) and one sensor, asked the fleet operator's
 * questions.
 */
class TwinQueryIT {

    private static final String HOST = "127.0.0.62";

    @TempDir
    static Path dataDir;

    private static LocalHub hub;
    private static QueryClient queries;

    @BeforeAll
    static void startHubWithFleet() throws Exception {
        hub = ServiceSdks.startTrusted(HOST, dataDir);
        RegistryClient registry = new RegistryClient(hub.ownerConnectionString());
        TwinClient twins = new TwinClient(hub.ownerConnectionString());
        queries = new QueryClient(hub.ownerConnectionString());
        addGateway(registry, twins, "gw-1", "2.0.1");
        addGateway(registry, twins, "gw-2", "1.9.0");
        addGateway(registry, twins, "gw-3", "2.0.1");
        registry.addDevice(new Device("sensor-1", AuthenticationType.SAS));
        Twin sensor = twins.get("sensor-1");
        sensor.getTags().put("role", "sensor");
        twins.patch(sensor);
        registry.addDevice(new Device("spare-1", AuthenticationType.SAS));
    }

    private static void addGateway(RegistryClient registry, TwinClient twins, String deviceId, String firmware) throws Exception {
        registry.addDevice(new Device(deviceId, AuthenticationType.SAS));
        Twin deviceTwin = twins.get(deviceId);
        deviceTwin.getTags().put("role", "gateway");
        deviceTwin.getTags().put("site", Map.of("region", deviceId.equals("gw-2") ? "south" : "north"));
        twins.patch(deviceTwin);
        TestIdentity identity = TestIdentity.selfSigned(deviceId, "agent");
        ServiceSdks.addThumbprintModule(registry, identity);
        ModuleClient client = identity.moduleClient(hub);
        try {
            client.open(false);
            client.subscribeToDesiredProperties((twin, context) -> { }, null);
            TwinCollection reported = new TwinCollection();
            reported.put("firmware", Map.of("__t", "c", "version", firmware));
            SdkCalls.report(client, reported);
        } finally {
            client.close();
        }
    }

    @AfterAll
    static void stopHub() {
        ServiceSdks.stop(hub);
    }

    @Test
    void whichGatewaysRunFirmwareX() throws Exception {
        TwinQueryResponse response = queries.queryTwins(
            "SELECT * FROM devices.modules WHERE moduleId = 'agent' AND properties.reported.firmware.version = '2.0.1'");
        Set<String> devices = new TreeSet<>();
        while (response.hasNext()) {
            Twin twin = response.next();
            assertEquals("agent", twin.getModuleId());
            devices.add(twin.getDeviceId());
        }
        assertEquals(Set.of("gw-1", "gw-3"), devices);
    }

    @Test
    void tagsComparisonsAndBooleanOperators() throws Exception {
        assertEquals(Set.of("gw-1", "gw-3"), deviceIds("SELECT * FROM devices WHERE tags.role = 'gateway' AND tags.site.region = 'north'"));
        assertEquals(Set.of("gw-2", "sensor-1"), deviceIds("SELECT * FROM devices WHERE tags.site.region = 'south' OR tags.role = 'sensor'"));
        assertEquals(Set.of("spare-1"), deviceIds("SELECT * FROM devices WHERE NOT IS_DEFINED(tags.role)"));
        assertEquals(Set.of("gw-1", "gw-2", "gw-3"), deviceIds("SELECT * FROM devices WHERE deviceId IN ('gw-1', 'gw-2', 'gw-3')"));
        assertEquals(Set.of("gw-2"), deviceIds("SELECT * FROM devices.modules WHERE properties.reported.firmware.version < '2'"));
    }

    @Test
    void countGroupedByFirmware() throws Exception {
        RawQueryResponse response = queries.queryRaw("SELECT properties.reported.firmware.version AS version, COUNT() AS gateways "
            + "FROM devices.modules WHERE moduleId = 'agent' GROUP BY properties.reported.firmware.version");
        List<JsonObject> rows = new ArrayList<>();
        while (response.hasNext()) {
            rows.add(JsonParser.parseString(response.next()).getAsJsonObject());
        }
        assertEquals(2, rows.size(), rows.toString());
        Map<String, Integer> counts = Map.of(rows.get(0).get("version").getAsString(), rows.get(0).get("gateways").getAsInt(),
            rows.get(1).get("version").getAsString(), rows.get(1).get("gateways").getAsInt());
        assertEquals(Map.of("2.0.1", 2, "1.9.0", 1), counts);
        RawQueryResponse total = queries.queryRaw("SELECT COUNT() AS devices FROM devices");
        assertEquals(5, JsonParser.parseString(total.next()).getAsJsonObject().get("devices").getAsInt());
    }

    @Test
    void pagesFollowTheContinuationToken() throws Exception {
        TwinQueryResponse first = queries.queryTwins("SELECT * FROM devices", QueryPageOptions.builder().pageSize(2).build());
        assertNotNull(first.getContinuationToken(), "a first page of 2 of 5 devices names the next page");
        Set<String> all = new TreeSet<>();
        while (first.hasNext()) {
            all.add(first.next(QueryPageOptions.builder().pageSize(2).build()).getDeviceId());
        }
        assertEquals(Set.of("gw-1", "gw-2", "gw-3", "sensor-1", "spare-1"), all);
    }

    @Test
    void malformedQueryIsArgumentInvalid() {
        IotHubBadFormatException e = assertThrows(IotHubBadFormatException.class,
            () -> queries.queryTwins("SELECT * FROM devices WHERE (tags.role = 'gateway'"));
        assertEquals(ErrorCodeDescription.ArgumentInvalid, e.getErrorCodeDescription());
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    private static Set<String> deviceIds(String query) throws Exception {
        TwinQueryResponse response = queries.queryTwins(query);
        Set<String> ids = new TreeSet<>();
        while (response.hasNext()) {
            ids.add(response.next().getDeviceId());
        }
        return ids;
    }
}
