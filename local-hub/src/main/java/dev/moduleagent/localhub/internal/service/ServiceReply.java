package dev.moduleagent.localhub.internal.service;

import com.google.gson.JsonElement;
import dev.moduleagent.localhub.internal.Refusal;
import java.util.Map;

/**
 * A service API answer: status, JSON body (null for none), the etag header when there is one, and further headers
 * (the {@code iothub-errorcode} of an error, a query's continuation token).
 */
record ServiceReply(int status, JsonElement body, String etag, Map<String, String> headers) {

    ServiceReply(int status, JsonElement body, String etag) {
        this(status, body, etag, Map.of());
    }

    static ServiceReply ok(JsonElement body) {
        return new ServiceReply(200, body, null);
    }

    static ServiceReply ok(JsonElement body, String etag) {
        return new ServiceReply(200, body, etag);
    }

    static ServiceReply noContent() {
        return new ServiceReply(204, null, null);
    }

    /** An error in IoT Hub's shape ({@link ErrorBody}), with the {@code iothub-errorcode} header. */
    static ServiceReply error(int status, String errorCode, String message) {
        return new ServiceReply(status, ErrorBody.of(status, errorCode, message), null,
            Map.of(ErrorBody.ERROR_CODE_HEADER, errorCode));
    }

    static ServiceReply of(Refusal refusal) {
        return error(refusal.status(), refusal.errorCode(), refusal.getMessage());
    }

    ServiceReply withHeader(String name, String value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new ServiceReply(status, body, etag, Map.copyOf(all));
    }
}
