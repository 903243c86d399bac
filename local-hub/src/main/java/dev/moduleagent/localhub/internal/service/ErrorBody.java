package dev.moduleagent.localhub.internal.service;

import com.google.gson.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * IoT Hub's error body: {@code {"Message":"<inner JSON>","ExceptionMessage":""}} whose inner JSON is
 * {@code {"errorCode":404001,"trackingId":"…-G:0-TimeStamp:MM/dd/yyyy HH:mm:ss","message":"…","timestampUtc":"…"}}.
 * This is the form the service answers with today and the one Microsoft's service SDKs read the numeric code from
 * (their {@code ErrorMessageParser}); the older {@code "ErrorCode:Name;text"} form carries no number, so the SDKs
 * could only raise a generic status-level error from it.
 */
final class ErrorBody {

    /** The header carrying the error code's name, as IoT Hub sends it. */
    static final String ERROR_CODE_HEADER = "iothub-errorcode";

    private static final DateTimeFormatter TRACKING_TIME =
        DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ErrorBody() {
    }

    static JsonObject of(int status, String errorCode, String message) {
        Instant now = Instant.now();
        JsonObject inner = new JsonObject();
        inner.addProperty("errorCode", IotHubErrorCodes.numeric(errorCode, status));
        inner.addProperty("trackingId", trackingId(now));
        inner.addProperty("message", message);
        inner.addProperty("timestampUtc", now.toString());
        JsonObject outer = new JsonObject();
        outer.addProperty("Message", inner.toString());
        outer.addProperty("ExceptionMessage", "");
        return outer;
    }

    private static String trackingId(Instant now) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id) + "-G:0-TimeStamp:" + TRACKING_TIME.format(now);
    }
}
