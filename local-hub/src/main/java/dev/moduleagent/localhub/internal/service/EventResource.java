package dev.moduleagent.localhub.internal.service;

import com.google.gson.JsonArray;
import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.telemetry.TelemetryLog;

/** {@code GET /devices/{id}[/modules/{mid}]/events?max=&after=}: the telemetry the hub recorded (a local-hub extension). */
final class EventResource {

    private final HubCore core;

    EventResource(HubCore core) {
        this.core = core;
    }

    ServiceReply list(ServiceRequest request, IdentityKey key) throws Refusal {
        core.identities().get(key);
        int max = request.intParameter("max", 50, 1, TelemetryLog.PER_IDENTITY);
        int after = request.intParameter("after", 0, 0, Integer.MAX_VALUE);
        JsonArray events = new JsonArray();
        core.telemetry().latest(key, max, after).forEach(r -> events.add(r.toJson()));
        return ServiceReply.ok(events);
    }
}
