package dev.moduleagent.localhub.internal.service;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.identity.Identity;
import dev.moduleagent.localhub.internal.query.QueryException;
import dev.moduleagent.localhub.internal.query.QueryParser;
import dev.moduleagent.localhub.internal.query.QueryRunner;
import dev.moduleagent.localhub.internal.query.TwinQuery;
import dev.moduleagent.localhub.internal.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code POST /devices/query} with {@code {"query":"SELECT …"}}: IoT Hub's twin query, one page at a time
 * ({@code x-ms-max-item-count}, default {@value #DEFAULT_PAGE_SIZE}), the next page named by the
 * {@code x-ms-continuation} token of the answer; {@code x-ms-item-type} says whether items are twins or raw rows.
 */
final class QueryResource {

    static final String CONTINUATION = "x-ms-continuation";
    static final String PAGE_SIZE = "x-ms-max-item-count";
    static final String ITEM_TYPE = "x-ms-item-type";
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    private final HubCore core;

    QueryResource(HubCore core) {
        this.core = core;
    }

    ServiceReply query(ServiceRequest request) throws Refusal, StoreException {
        TwinQuery query = parse(request.jsonObject(false));
        int pageSize = pageSize(request.header(PAGE_SIZE));
        int offset = offset(request.header(CONTINUATION));
        List<JsonObject> results = QueryRunner.run(query, twins(query.modules()));
        JsonArray page = new JsonArray();
        int end = Math.min(results.size(), offset + pageSize);
        for (int i = offset; i < end; i++) {
            page.add(results.get(i));
        }
        ServiceReply reply = ServiceReply.ok(page).withHeader(ITEM_TYPE, query.returnsTwins() ? "twin" : "raw");
        return end < results.size() ? reply.withHeader(CONTINUATION, token(end)) : reply;
    }

    private List<JsonObject> twins(boolean modules) throws Refusal, StoreException {
        List<Identity> identities = modules ? core.identities().allModules() : core.identities().devices();
        List<JsonObject> twins = new ArrayList<>(identities.size());
        for (Identity identity : identities) {
            twins.add(TwinResource.describe(core, identity, core.twins().get(identity.key())));
        }
        return twins;
    }

    private static TwinQuery parse(JsonObject body) throws Refusal {
        JsonElement text = body.get("query");
        if (text == null || !text.isJsonPrimitive() || !text.getAsJsonPrimitive().isString()) {
            throw Refusal.badRequest("the body must be {\"query\":\"SELECT … FROM devices …\"}");
        }
        try {
            return QueryParser.parse(text.getAsString());
        } catch (QueryException e) {
            throw Refusal.badRequest("query: " + e.getMessage());
        }
    }

    private static int pageSize(String header) throws Refusal {
        if (header == null) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int size = Integer.parseInt(header.trim());
            if (size < 1 || size > MAX_PAGE_SIZE) {
                throw Refusal.badRequest(PAGE_SIZE + " must be within 1.." + MAX_PAGE_SIZE);
            }
            return size;
        } catch (NumberFormatException e) {
            throw Refusal.badRequest(PAGE_SIZE + " must be a number");
        }
    }

    /** The continuation token is the offset of the next result, opaque to clients. */
    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token) throws Refusal {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
            if (text.startsWith("offset:")) {
                int offset = Integer.parseInt(text.substring("offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest(CONTINUATION + " is not a continuation token this hub issued");
        }
        throw Refusal.badRequest(CONTINUATION + " is not a continuation token this hub issued");
    }
}
