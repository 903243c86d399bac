package dev.moduleagent.localhub.internal.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.json.BoundedJson;
import dev.moduleagent.localhub.internal.json.JsonRejection;
import java.util.Map;

/**
 * Fuzzing the hub's JSON reader and twin rules: any bytes are parsed or refused with a reason (never deeper than
 * allowed), and any patch the rules accept merges into any document as a JSON merge patch (no {@code null} left,
 * merging twice changes nothing). Seed corpus in {@code src/test/resources/…/TwinJsonFuzzTestInputs/<method>/}.
 */
class TwinJsonFuzzTest {

    private static final int MAX_BYTES = 128 * 1024;

    @FuzzTest(maxDuration = "5m")
    void anyBytesAreParsedWithinTheNestingBoundOrRefused(byte[] input) {
        try {
            JsonElement parsed = BoundedJson.parse(input, MAX_BYTES);
            assertTrue(depth(parsed) <= BoundedJson.MAX_NESTING + 1, "nesting bound held");
        } catch (JsonRejection expected) {
            assertFalse(expected.getMessage() == null || expected.getMessage().isBlank(), "a refusal says why");
        }
    }

    @FuzzTest(maxDuration = "5m")
    void acceptedPatchesMergeAsJsonMergePatches(FuzzedDataProvider data) {
        JsonObject base = object(data.consumeString(4096));
        JsonObject patch = object(data.consumeRemainingAsString());
        if (base == null || patch == null) {
            return;
        }
        try {
            TwinRules.checkPatch("desired", patch);
            TwinRules.checkPatch("desired", base);
        } catch (Refusal refused) {
            assertTrue(refused.status() >= 400 && refused.status() < 500, "a refused patch is a client error");
            return;
        }
        JsonObject merged = TwinSection.mergedProperties(base, patch);
        assertFalse(holdsNull(merged), "null deletes, it is never stored: " + merged);
        assertEquals(merged, TwinSection.mergedProperties(merged, patch), "merging the same patch twice");
        try {
            TwinRules.checkSize("desired", merged);
        } catch (Refusal tooLarge) {
            assertTrue(tooLarge.status() >= 400 && tooLarge.status() < 500, "an oversized result is a client error");
        }
    }

    private static JsonObject object(String text) {
        try {
            return BoundedJson.parseObject(text);
        } catch (JsonRejection notAnObject) {
            return null;
        }
    }

    private static int depth(JsonElement element) {
        int deepest = 0;
        if (element.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
                deepest = Math.max(deepest, depth(entry.getValue()));
            }
            return deepest + 1;
        }
        if (element.isJsonArray()) {
            for (JsonElement item : element.getAsJsonArray()) {
                deepest = Math.max(deepest, depth(item));
            }
            return deepest + 1;
        }
        return 0;
    }

    private static boolean holdsNull(JsonElement element) {
        if (element.isJsonNull()) {
            return true;
        }
        if (element.isJsonObject()) {
            return element.getAsJsonObject().entrySet().stream().anyMatch(entry -> holdsNull(entry.getValue()));
        }
        return false; // arrays are values: a null inside one is data, not a deletion
    }
}
