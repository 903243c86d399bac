package dev.moduleagent.localhub.internal.identity;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.Refusal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How an identity proves itself, in IoT Hub's {@code authentication} shape: X.509 thumbprints (upper-case hex,
 * SHA-1 or SHA-256), a verified CA, or symmetric keys.
 */
public record Authentication(AuthType type, String primaryThumbprint, String secondaryThumbprint,
                             String primaryKey, String secondaryKey) {

    private static final Pattern THUMBPRINT = Pattern.compile("[0-9A-F]{40}|[0-9A-F]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static Authentication thumbprints(String primary, String secondary) throws Refusal {
        String p = normalizeThumbprint(primary, "primaryThumbprint");
        if (p == null) {
            throw Refusal.badRequest("selfSigned authentication needs a primaryThumbprint");
        }
        return new Authentication(AuthType.SELF_SIGNED, p, normalizeThumbprint(secondary, "secondaryThumbprint"), null, null);
    }

    public static Authentication certificateAuthority() {
        return new Authentication(AuthType.CERTIFICATE_AUTHORITY, null, null, null, null);
    }

    /** Parses IoT Hub's {@code authentication} object; an absent one means SAS with generated keys, as in IoT Hub. */
    public static Authentication fromJson(JsonElement element) throws Refusal {
        if (element == null || element.isJsonNull()) {
            return sas(null, null);
        }
        if (!element.isJsonObject()) {
            throw Refusal.badRequest("authentication must be a JSON object");
        }
        JsonObject json = element.getAsJsonObject();
        AuthType type = AuthType.fromWire(text(json, "type", "sas"));
        if (type == null) {
            throw Refusal.badRequest("authentication.type must be selfSigned, certificateAuthority, sas or none");
        }
        switch (type) {
            case SELF_SIGNED: {
                JsonObject tp = object(json, "x509Thumbprint");
                return thumbprints(text(tp, "primaryThumbprint", null), text(tp, "secondaryThumbprint", null));
            }
            case SAS: {
                JsonObject keys = object(json, "symmetricKey");
                return sas(text(keys, "primaryKey", null), text(keys, "secondaryKey", null));
            }
            case CERTIFICATE_AUTHORITY:
                return certificateAuthority();
            default:
                return new Authentication(AuthType.NONE, null, null, null, null);
        }
    }

    /** IoT Hub's JSON shape; keys are included only when {@code withKeys} (the owner asked for the identity). */
    public JsonObject toJson(boolean withKeys) {
        JsonObject json = new JsonObject();
        JsonObject keys = new JsonObject();
        keys.add("primaryKey", withKeys ? nullable(primaryKey) : JsonNull.INSTANCE);
        keys.add("secondaryKey", withKeys ? nullable(secondaryKey) : JsonNull.INSTANCE);
        JsonObject tp = new JsonObject();
        tp.add("primaryThumbprint", nullable(primaryThumbprint));
        tp.add("secondaryThumbprint", nullable(secondaryThumbprint));
        json.addProperty("type", type.wireName());
        json.add("symmetricKey", keys);
        json.add("x509Thumbprint", tp);
        return json;
    }

    /** Whether the thumbprint (SHA-1 or SHA-256, upper-case hex) is the primary or the secondary one. */
    public boolean matchesThumbprint(String sha1, String sha256) {
        return sha1.equals(primaryThumbprint) || sha256.equals(primaryThumbprint)
            || sha1.equals(secondaryThumbprint) || sha256.equals(secondaryThumbprint);
    }

    private static Authentication sas(String primary, String secondary) throws Refusal {
        return new Authentication(AuthType.SAS, null, null, key(primary, "primaryKey"), key(secondary, "secondaryKey"));
    }

    private static String key(String value, String name) throws Refusal {
        if (value == null || value.isEmpty()) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }
        try {
            int length = Base64.getDecoder().decode(value).length;
            if (length < 16 || length > 64) {
                throw Refusal.badRequest(name + " must be 16 to 64 bytes of base64");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest(name + " is not valid base64");
        }
    }

    static String normalizeThumbprint(String value, String name) throws Refusal {
        if (value == null || value.isBlank()) {
            return null;
        }
        String normalized = value.replace(":", "").trim().toUpperCase(Locale.ROOT);
        if (!THUMBPRINT.matcher(normalized).matches()) {
            throw Refusal.badRequest(name + " must be 40 (SHA-1) or 64 (SHA-256) hex digits");
        }
        return normalized;
    }

    private static JsonObject object(JsonObject json, String name) throws Refusal {
        JsonElement value = json.get(name);
        if (value == null || value.isJsonNull()) {
            return new JsonObject();
        }
        if (!value.isJsonObject()) {
            throw Refusal.badRequest("authentication." + name + " must be a JSON object");
        }
        return value.getAsJsonObject();
    }

    private static String text(JsonObject json, String name, String fallback) throws Refusal {
        JsonElement value = json.get(name);
        if (value == null || value.isJsonNull()) {
            return fallback;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw Refusal.badRequest("authentication field " + name + " must be a string");
        }
        return value.getAsString();
    }

    private static JsonElement nullable(String value) {
        return value == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(value);
    }
}
