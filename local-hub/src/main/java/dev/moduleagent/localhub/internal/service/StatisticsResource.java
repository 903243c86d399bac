package dev.moduleagent.localhub.internal.service;

import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.identity.Identity;
import java.util.List;

/** {@code GET /statistics/devices} and {@code GET /statistics/service}: IoT Hub's registry and service statistics. */
final class StatisticsResource {

    private final HubCore core;

    StatisticsResource(HubCore core) {
        this.core = core;
    }

    ServiceReply devices() {
        List<Identity> devices = core.identities().devices();
        long enabled = devices.stream().filter(d -> d.status().enabled()).count();
        JsonObject json = new JsonObject();
        json.addProperty("totalDeviceCount", devices.size());
        json.addProperty("enabledDeviceCount", enabled);
        // the Java service SDK (2.1.8) reads this misspelt name; IoT Hub's REST reference names the field above
        json.addProperty("enableDeviceCount", enabled);
        json.addProperty("disabledDeviceCount", devices.size() - enabled);
        return ServiceReply.ok(json);
    }

    ServiceReply service() {
        JsonObject json = new JsonObject();
        json.addProperty("connectedDeviceCount", core.sessions().connectedDeviceCount());
        return ServiceReply.ok(json);
    }
}
