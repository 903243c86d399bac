package dev.moduleagent.localhub.internal.service;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.Refusal;

/** A service API answer: status, JSON body (null for none) and the etag header when there is one. */
record ServiceReply(int status, JsonElement body, String etag) {

    static ServiceReply ok(JsonElement body) {
        return new ServiceReply(200, body, null);
    }

    static ServiceReply ok(JsonElement body, String etag) {
        return new ServiceReply(200, body, etag);
    }

    static ServiceReply noContent() {
        return new ServiceReply(204, null, null);
    }

    static ServiceReply error(int status, String errorCode, String message) {
        JsonObject body = new JsonObject();
        body.addProperty("errorCode", errorCode);
        body.addProperty("message", message);
        return new ServiceReply(status, body, null);
    }

    static ServiceReply of(Refusal refusal) {
        return error(refusal.status(), refusal.errorCode(), refusal.getMessage());
    }
}
