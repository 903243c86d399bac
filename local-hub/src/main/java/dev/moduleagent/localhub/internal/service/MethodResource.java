package dev.moduleagent.localhub.internal.service;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** {@code POST /twins/{id}[/modules/{mid}]/methods}: invokes a direct method and answers with its result or 504. */
final class MethodResource {

    static final int DEFAULT_TIMEOUT_SECONDS = 30;
    static final int MIN_TIMEOUT_SECONDS = 5;
    static final int MAX_TIMEOUT_SECONDS = 300;

    private final HubCore core;

    MethodResource(HubCore core) {
        this.core = core;
    }

    CompletableFuture<ServiceReply> invoke(ServiceRequest request, IdentityKey key) throws Refusal {
        core.identities().get(key);
        JsonObject body = request.jsonObject(false);
        JsonElement name = body.get("methodName");
        if (name == null || !name.isJsonPrimitive() || !name.getAsJsonPrimitive().isString()) {
            throw Refusal.badRequest("methodName is required and must be a string");
        }
        int timeout = seconds(body, "responseTimeoutInSeconds", DEFAULT_TIMEOUT_SECONDS, MIN_TIMEOUT_SECONDS);
        int connectTimeout = seconds(body, "connectTimeoutInSeconds", 0, 0);
        JsonElement payload = body.has("payload") ? body.get("payload") : JsonNull.INSTANCE;
        return core.methods().invoke(key, name.getAsString(), payload, Duration.ofSeconds(timeout), Duration.ofSeconds(connectTimeout))
            .thenApply(result -> {
                JsonObject answer = new JsonObject();
                answer.addProperty("status", result.status());
                answer.add("payload", result.payload());
                return ServiceReply.ok(answer);
            });
    }

    /** A timeout field of the request, within {@code min}..{@value #MAX_TIMEOUT_SECONDS} seconds. */
    private static int seconds(JsonObject body, String field, int fallback, int min) throws Refusal {
        JsonElement value = body.get(field);
        if (value == null || value.isJsonNull()) {
            return fallback;
        }
        try {
            int seconds = value.getAsInt();
            if (seconds < min || seconds > MAX_TIMEOUT_SECONDS) {
                throw Refusal.badRequest(field + " must be within " + min + ".." + MAX_TIMEOUT_SECONDS);
            }
            return seconds;
        } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException e) {
            throw Refusal.badRequest(field + " must be a number");
        }
    }
}
