package dev.moduleagent.localhub.internal.service;

import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.identity.Identity;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.mqtt.ConnectionInfo;
import dev.moduleagent.localhub.internal.store.StoreException;
import dev.moduleagent.localhub.internal.twin.TwinDocument;
import dev.moduleagent.localhub.internal.twin.TwinUpdate;

/** {@code /twins/{id}[/modules/{mid}]}: GET, PATCH (merge) and PUT (replace) of tags and desired properties. */
final class TwinResource {

    private final HubCore core;

    TwinResource(HubCore core) {
        this.core = core;
    }

    ServiceReply get(IdentityKey key) throws Refusal, StoreException {
        Identity identity = core.identities().get(key);
        TwinDocument twin = core.twins().get(key);
        return ServiceReply.ok(describe(core, identity, twin), twin.etag());
    }

    ServiceReply update(ServiceRequest request, IdentityKey key, boolean replace) throws Refusal, StoreException {
        Identity identity = core.identities().get(key);
        TwinUpdate update = TwinUpdate.fromBody(request.jsonObject(false));
        TwinDocument twin = core.twins().update(key, update, request.ifMatch(), replace);
        return ServiceReply.ok(describe(core, identity, twin), twin.etag());
    }

    /** IoT Hub's Twin shape (also the documents twin queries run over). */
    static JsonObject describe(HubCore core, Identity identity, TwinDocument twin) {
        JsonObject json = new JsonObject();
        json.addProperty("deviceId", identity.key().deviceId());
        if (identity.key().isModule()) {
            json.addProperty("moduleId", identity.key().moduleId());
        }
        json.addProperty("etag", twin.etag());
        json.addProperty("deviceEtag", identity.etag());
        boolean enabled = core.identities().enabled(identity.key());
        json.addProperty("status", enabled ? "enabled" : "disabled");
        ConnectionInfo info = core.sessions().info(identity.key());
        json.addProperty("connectionState", info.connected() ? "Connected" : "Disconnected");
        if (info.lastActivity() != null) {
            json.addProperty("lastActivityTime", info.lastActivity().toString());
        }
        json.addProperty("cloudToDeviceMessageCount", 0);
        json.addProperty("authenticationType", identity.authentication().type().wireName());
        JsonObject thumbprints = new JsonObject();
        thumbprints.addProperty("primaryThumbprint", identity.authentication().primaryThumbprint());
        thumbprints.addProperty("secondaryThumbprint", identity.authentication().secondaryThumbprint());
        json.add("x509Thumbprint", thumbprints);
        json.addProperty("version", twin.version());
        json.add("tags", twin.tags());
        json.add("properties", twin.toPropertiesJson());
        return json;
    }
}
