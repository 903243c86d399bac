package dev.moduleagent.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 7386's examples (its appendix A, object cases) on both representations, and what the agent builds on it. */
class MergePatchTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\":\"b\"}                | {\"a\":\"c\"}                    | {\"a\":\"c\"}",
        "{\"a\":\"b\"}                | {\"b\":\"c\"}                    | {\"a\":\"b\",\"b\":\"c\"}",
        "{\"a\":\"b\"}                | {\"a\":null}                     | {}",
        "{\"a\":\"b\",\"b\":\"c\"}    | {\"a\":null}                     | {\"b\":\"c\"}",
        "{\"a\":[\"b\"]}              | {\"a\":\"c\"}                    | {\"a\":\"c\"}",
        "{\"a\":\"c\"}                | {\"a\":[\"b\"]}                  | {\"a\":[\"b\"]}",
        "{\"a\":{\"b\":\"c\"}}        | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
        "{\"a\":[{\"b\":\"c\"}]}      | {\"a\":[1]}                      | {\"a\":[1]}",
        "{\"e\":null}                 | {\"a\":1}                        | {\"e\":null,\"a\":1}",
        "{\"a\":\"foo\"}              | {\"a\":{\"bb\":{\"ccc\":null}}}  | {\"a\":{\"bb\":{}}}",
        "{}                           | {\"a\":{\"bb\":{\"ccc\":null}}}  | {\"a\":{\"bb\":{}}}",
        "{\"a\":[1,null]}             | {\"b\":[null]}                   | {\"a\":[1,null],\"b\":[null]}",
    })
    void appliesAsRfc7386Says(String target, String patch, String result) {
        JsonElement gson = JsonParser.parseString(target);
        MergePatch.apply(JsonTree.GSON, gson, JsonParser.parseString(patch), null);
        assertEquals(JsonParser.parseString(result), gson);

        Map<String, Object> plain = Json.readObject(target);
        MergePatch.apply(plain, Json.readObject(patch));
        assertEquals(Json.readObject(result), plain);
    }

    @Test
    void valuesAreCopiedNeverSharedWithThePatch() {
        // Fails against agent-core's test FakeHub.merge (69ece99), which stored the patch's lists by reference: a
        // caller that changed its patch afterwards changed the "hub's" document.
        List<Object> list = new ArrayList<>(List.of(1L));
        Map<String, Object> inner = new LinkedHashMap<>(Map.of("x", list));
        Map<String, Object> patch = new LinkedHashMap<>(Map.of("l", list, "o", inner));
        Map<String, Object> document = new LinkedHashMap<>();
        MergePatch.apply(document, patch);
        list.add(2L);
        inner.put("y", 1L);
        assertEquals(Map.of("l", List.of(1L), "o", Map.of("x", List.of(1L))), document);
    }

    @Test
    void composedPatchesHaveTheEffectOfBothWhenComposable() {
        Map<String, Object> first = Json.readObject("{\"a\":{\"x\":1,\"y\":2},\"b\":3}");
        Map<String, Object> second = Json.readObject("{\"a\":{\"y\":null,\"z\":4},\"c\":[5]}");
        Map<String, Object> stepwise = Json.readObject("{\"a\":{\"y\":0,\"w\":9},\"d\":1}");
        MergePatch.apply(stepwise, first);
        MergePatch.apply(stepwise, second);

        assertTrue(MergePatch.composable(first, second));
        MergePatch.compose(first, second);
        Map<String, Object> once = Json.readObject("{\"a\":{\"y\":0,\"w\":9},\"d\":1}");
        MergePatch.apply(once, first);
        assertEquals(stepwise, once);
    }

    @Test
    void aPatchCannotSayReplaceThisObjectSoSuchPairsAreNotComposable() {
        assertFalse(MergePatch.composable(Json.readObject("{\"a\":null}"), Json.readObject("{\"a\":{\"x\":1}}")));
        assertFalse(MergePatch.composable(Json.readObject("{\"a\":1}"), Json.readObject("{\"a\":{\"x\":1}}")));
        assertTrue(MergePatch.composable(Json.readObject("{\"a\":{\"x\":1}}"), Json.readObject("{\"a\":null}")));
    }

    @Test
    void theListenerSeesEveryChangeInDocumentOrder() {
        List<String> seen = new ArrayList<>();
        MergePatch.Listener<JsonElement> listener = new MergePatch.Listener<>() {
            @Override
            public void removed(String key) {
                seen.add("-" + key);
            }

            @Override
            public void replaced(String key, JsonElement value) {
                seen.add(key + "=" + value);
            }

            @Override
            public void entered(String key, boolean created) {
                seen.add(key + (created ? "{new" : "{"));
            }

            @Override
            public void left(String key) {
                seen.add("}" + key);
            }
        };
        JsonElement document = JsonParser.parseString("{\"o\":{\"x\":1},\"s\":\"t\"}");
        MergePatch.apply(JsonTree.GSON, document, JsonParser.parseString("{\"o\":{\"x\":null},\"s\":{\"n\":2}}"), listener);
        assertEquals(List.of("o{", "-x", "}o", "s{new", "n=2", "}s"), seen);
    }
}
