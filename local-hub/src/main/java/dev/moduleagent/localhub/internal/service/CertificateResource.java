package dev.moduleagent.localhub.internal.service;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.identity.CaRecord;
import dev.moduleagent.localhub.internal.store.StoreException;

/** {@code /certificates[/{name}[/generateVerificationCode|/verify]]}: CA upload and proof of possession. */
final class CertificateResource {

    private final HubCore core;

    CertificateResource(HubCore core) {
        this.core = core;
    }

    ServiceReply list() {
        JsonArray all = new JsonArray();
        core.cas().list().forEach(r -> all.add(r.toServiceJson()));
        JsonObject json = new JsonObject();
        json.add("value", all);
        return ServiceReply.ok(json);
    }

    ServiceReply get(String name) throws Refusal {
        return reply(core.cas().get(name));
    }

    ServiceReply put(ServiceRequest request, String name) throws Refusal, StoreException {
        return reply(core.cas().upload(name, certificateText(request.jsonObject(false))));
    }

    ServiceReply delete(String name) throws Refusal, StoreException {
        core.cas().delete(name);
        return ServiceReply.noContent();
    }

    ServiceReply generateVerificationCode(ServiceRequest request, String name) throws Refusal, StoreException {
        return reply(core.cas().generateVerificationCode(name, request.ifMatch()));
    }

    ServiceReply verify(ServiceRequest request, String name) throws Refusal, StoreException {
        return reply(core.cas().verify(name, request.ifMatch(), certificateText(request.jsonObject(false))));
    }

    private static ServiceReply reply(CaRecord record) {
        JsonObject json = record.toServiceJson();
        if (record.verificationCode() != null) {
            json.addProperty("verificationCode", record.verificationCode());
        }
        return ServiceReply.ok(json, record.etag());
    }

    /** {@code {"properties":{"certificate":…}}} (IoT Hub's upload shape) or {@code {"certificate":…}} (its verify shape). */
    private static String certificateText(JsonObject body) throws Refusal {
        JsonElement holder = body.has("properties") && body.get("properties").isJsonObject()
            ? body.getAsJsonObject("properties").get("certificate") : body.get("certificate");
        if (holder == null || !holder.isJsonPrimitive() || !holder.getAsJsonPrimitive().isString()) {
            throw Refusal.badRequest("the body needs the certificate (PEM or base64 DER) as a string");
        }
        return holder.getAsString();
    }
}
