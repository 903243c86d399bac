package dev.moduleagent.localhub.internal.service;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.sas.AccessPolicies;
import dev.moduleagent.localhub.internal.sas.AccessPolicy;

/**
 * {@code GET /policies[/{name}]}: the shared access policies with their keys, in the shape of IoT Hub's management
 * {@code listkeys} ({@code keyName}, {@code primaryKey}, {@code rights}). A local-hub extension: on Azure this is an
 * Azure Resource Manager call; here it needs every permission (iothubowner), see {@link RouteAccess}.
 */
final class PolicyResource {

    private final AccessPolicies policies;

    PolicyResource(AccessPolicies policies) {
        this.policies = policies;
    }

    ServiceReply list() {
        JsonArray all = new JsonArray();
        policies.all().forEach(p -> all.add(describe(p)));
        JsonObject json = new JsonObject();
        json.add("value", all);
        return ServiceReply.ok(json);
    }

    ServiceReply get(String name) throws Refusal {
        AccessPolicy policy = policies.find(name)
            .orElseThrow(() -> Refusal.notFound("NotFound", "no shared access policy named " + name));
        return ServiceReply.ok(describe(policy));
    }

    private static JsonObject describe(AccessPolicy policy) {
        JsonObject json = new JsonObject();
        json.addProperty("keyName", policy.name());
        json.addProperty("primaryKey", policy.key());
        json.addProperty("rights", policy.rightsText());
        return json;
    }
}
