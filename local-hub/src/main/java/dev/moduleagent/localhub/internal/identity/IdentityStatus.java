package dev.moduleagent.localhub.internal.identity;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.Refusal;
import java.time.Instant;

/**
 * A device's {@code status} ({@code enabled} or {@code disabled}), its {@code statusReason} and when it last changed.
 * A disabled device, and every module of it, is refused at connect and dropped when it is connected, as IoT Hub does.
 */
public record IdentityStatus(boolean enabled, String reason, Instant updated) {

    private static final int MAX_REASON_LENGTH = 128;

    /** A new identity's status. */
    public static IdentityStatus enabled(Instant now) {
        return new IdentityStatus(true, null, now);
    }

    /** The status a PUT body asks for; an absent {@code status} keeps {@code current}. */
    static IdentityStatus fromBody(JsonObject body, IdentityStatus current, Instant now) throws Refusal {
        JsonElement status = body.get("status");
        JsonElement reason = body.get("statusReason");
        String newReason = reason == null || reason.isJsonNull() ? null : text(reason, "statusReason");
        if (newReason != null && newReason.length() > MAX_REASON_LENGTH) {
            throw Refusal.badRequest("statusReason is longer than " + MAX_REASON_LENGTH + " characters");
        }
        if (status == null || status.isJsonNull()) {
            return new IdentityStatus(current.enabled(), newReason != null ? newReason : current.reason(), current.updated());
        }
        boolean enabled = switch (text(status, "status").toLowerCase(java.util.Locale.ROOT)) {
            case "enabled" -> true;
            case "disabled" -> false;
            default -> throw Refusal.badRequest("status must be 'enabled' or 'disabled'");
        };
        return new IdentityStatus(enabled, newReason, enabled == current.enabled() ? current.updated() : now);
    }

    String wireName() {
        return enabled ? "enabled" : "disabled";
    }

    void addTo(JsonObject json) {
        json.addProperty("status", wireName());
        json.addProperty("statusReason", reason);
        json.addProperty("statusUpdatedTime", updated.toString());
    }

    static IdentityStatus fromStored(JsonObject json, Instant created) {
        if (!json.has("status")) {
            return enabled(created);
        }
        JsonElement reason = json.get("statusReason");
        return new IdentityStatus("enabled".equals(json.get("status").getAsString()),
            reason == null || reason.isJsonNull() ? null : reason.getAsString(),
            Instant.parse(json.get("statusUpdatedTime").getAsString()));
    }

    private static String text(JsonElement value, String name) throws Refusal {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw Refusal.badRequest(name + " must be a string");
        }
        return value.getAsString();
    }
}
