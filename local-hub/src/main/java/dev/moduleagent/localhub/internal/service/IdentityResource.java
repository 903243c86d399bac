package dev.moduleagent.localhub.internal.service;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.identity.Authentication;
import dev.moduleagent.localhub.internal.identity.Identity;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.mqtt.ConnectionInfo;
import dev.moduleagent.localhub.internal.store.StoreException;

/** {@code /devices/{id}} and {@code /devices/{id}/modules/{mid}}: IoT Hub's registry operations. */
final class IdentityResource {

    /** IoT Hub shows this for "never". */
    static final String NEVER = "0001-01-01T00:00:00Z";

    private final HubCore core;

    IdentityResource(HubCore core) {
        this.core = core;
    }

    ServiceReply put(ServiceRequest request, IdentityKey key) throws Refusal, StoreException {
        JsonObject body = request.jsonObject(true);
        checkBodyId(body, "deviceId", key.deviceId());
        if (key.isModule()) {
            checkBodyId(body, "moduleId", key.moduleId());
        }
        Authentication auth = Authentication.fromJson(body.get("authentication"));
        Identity identity = core.identities().put(key, auth, body, request.ifMatch());
        if (!key.isModule() && !identity.status().enabled()) {
            core.sessions().disconnect(key, "device disabled");
            core.identities().modules(key.deviceId()).forEach(m -> core.sessions().disconnect(m.key(), "device disabled"));
        }
        return ServiceReply.ok(describe(identity), identity.etag());
    }

    ServiceReply get(IdentityKey key) throws Refusal {
        Identity identity = core.identities().get(key);
        return ServiceReply.ok(describe(identity), identity.etag());
    }

    /** Deletes the identity; {@code If-Match} (when given and not {@code *}) must be its etag, as IoT Hub checks. */
    ServiceReply delete(IdentityKey key, String ifMatch) throws Refusal, StoreException {
        for (IdentityKey removed : core.identities().delete(key, ifMatch)) {
            core.sessions().forget(removed);
            core.telemetry().forget(removed);
        }
        return ServiceReply.noContent();
    }

    ServiceReply listDevices() {
        JsonArray devices = new JsonArray();
        core.identities().devices().forEach(d -> devices.add(describe(d)));
        return ServiceReply.ok(devices);
    }

    ServiceReply listModules(String deviceId) throws Refusal {
        core.identities().get(IdentityKey.device(deviceId));
        JsonArray modules = new JsonArray();
        core.identities().modules(deviceId).forEach(m -> modules.add(describe(m)));
        return ServiceReply.ok(modules);
    }

    /** The identity in IoT Hub's shape, with its connection state and the thumbprint of the certificate it used last. */
    JsonObject describe(Identity identity) {
        JsonObject json = identity.toServiceJson();
        ConnectionInfo info = core.sessions().info(identity.key());
        json.addProperty("connectionState", info.connected() ? "Connected" : "Disconnected");
        json.addProperty("connectionStateUpdatedTime", info.stateUpdated() == null ? NEVER : info.stateUpdated().toString());
        json.addProperty("lastActivityTime", info.lastActivity() == null ? NEVER : info.lastActivity().toString());
        json.addProperty("authenticatedWith", info.authMethod());
        json.addProperty("clientCertificateThumbprint", info.sha1Thumbprint());
        json.addProperty("clientCertificateThumbprintSha256", info.sha256Thumbprint());
        return json;
    }

    private static void checkBodyId(JsonObject body, String field, String expected) throws Refusal {
        JsonElement value = body.get(field);
        if (value != null && !value.isJsonNull() && !(value.isJsonPrimitive() && value.getAsString().equals(expected))) {
            throw Refusal.badRequest(field + " in the body does not match '" + expected + "' in the path");
        }
    }
}
