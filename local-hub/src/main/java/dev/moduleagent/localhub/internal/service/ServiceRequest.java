package dev.moduleagent.localhub.internal.service;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.json.BoundedJson;
import dev.moduleagent.localhub.internal.json.JsonRejection;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A service API request reduced to what the resources need: method, decoded path segments, query, If-Match and body. */
record ServiceRequest(HttpMethod method, List<String> path, Map<String, List<String>> query, String ifMatch, byte[] body,
                      Map<String, String> headers) {

    /** The request headers the resources read (a query's page size and continuation token). */
    static final List<String> PASSED_HEADERS = List.of("x-ms-max-item-count", "x-ms-continuation");

    static ServiceRequest of(HttpMethod method, String uri, String ifMatch, byte[] body) {
        return of(method, uri, ifMatch, body, Map.of());
    }

    static ServiceRequest of(HttpMethod method, String uri, String ifMatch, byte[] body, Map<String, String> headers) {
        QueryStringDecoder decoder = new QueryStringDecoder(uri);
        List<String> segments = new ArrayList<>();
        for (String raw : decoder.rawPath().split("/")) {
            if (!raw.isEmpty()) {
                segments.add(QueryStringDecoder.decodeComponent(raw));
            }
        }
        String etag = ifMatch == null ? null : ifMatch.trim().replace("\"", "");
        return new ServiceRequest(method, List.copyOf(segments), decoder.parameters(), etag, body, Map.copyOf(headers));
    }

    String segment(int index) {
        return path.get(index);
    }

    /** One of {@link #PASSED_HEADERS}, or null. */
    String header(String name) {
        return headers.get(name);
    }

    /** The JSON body as an object; an empty body gives an empty object when {@code optional}. */
    JsonObject jsonObject(boolean optional) throws Refusal {
        if (body.length == 0) {
            if (optional) {
                return new JsonObject();
            }
            throw Refusal.badRequest("the request needs a JSON body");
        }
        JsonElement value = json();
        if (!value.isJsonObject()) {
            throw Refusal.badRequest("the body must be a JSON object");
        }
        return value.getAsJsonObject();
    }

    JsonElement json() throws Refusal {
        try {
            return BoundedJson.parse(body, ServiceEndpoint.MAX_BODY_BYTES);
        } catch (JsonRejection e) {
            throw e.tooLarge() ? Refusal.tooLarge(e.getMessage()) : Refusal.badRequest(e.getMessage());
        }
    }

    /** A bounded integer query parameter. */
    int intParameter(String name, int fallback, int min, int max) throws Refusal {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(values.get(0));
            if (value < min || value > max) {
                throw Refusal.badRequest("query parameter " + name + " must be within " + min + ".." + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw Refusal.badRequest("query parameter " + name + " must be a number");
        }
    }
}
