package dev.moduleagent.localhub.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedJsonTest {

    @Test
    void parsesStrictJsonKeepingNumbersAsWritten() throws Exception {
        assertEquals("{\"a\":1.50,\"b\":[true,null,\"x\"]}", BoundedJson.parse("{\"a\":1.50,\"b\":[true,null,\"x\"]}").toString());
    }

    @Test
    void rejectsLenientSyntaxAndTrailingData() {
        for (String bad : new String[] {"{a:1}", "{'a':1}", "{\"a\":1} x", "{\"a\":1,}", "", "  ", "{\"a\":1}//c", "NaN"}) {
            JsonRejection e = assertThrows(JsonRejection.class, () -> BoundedJson.parse(bad), bad);
            assertFalse(e.tooLarge());
        }
    }

    @Test
    void rejectsNestingBeyondTheBoundWithoutDeepRecursion() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        JsonRejection e = assertThrows(JsonRejection.class, () -> BoundedJson.parse(deep));
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
    }

    @Test
    void acceptsNestingUpToTheBound() throws Exception {
        int depth = BoundedJson.MAX_NESTING;
        assertEquals(depth * 2, BoundedJson.parse("[".repeat(depth) + "]".repeat(depth)).toString().length());
    }

    @Test
    void rejectsOversizedBytesAsTooLarge() {
        byte[] body = "{\"a\":\"xxxxxxxx\"}".getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(JsonRejection.class, () -> BoundedJson.parse(body, 8)).tooLarge());
    }

    @Test
    void rejectsDuplicateKeysInsteadOfKeepingTheLast() {
        JsonRejection e = assertThrows(JsonRejection.class, () -> BoundedJson.parse("{\"a\":{\"b\":1,\"b\":2}}"));
        assertTrue(e.getMessage().contains("duplicate key 'b'"), e.getMessage());
    }

    @Test
    void rejectsLoneSurrogatesButKeepsEscapedPairs() throws Exception {
        for (String bad : new String[] {"{\"a\":\"x\\ud800\"}", "{\"a\":\"\\udc00y\"}", "{\"\\ud800\":1}", "{\"a\":\"\\ud800\\u0041\"}"}) {
            JsonRejection e = assertThrows(JsonRejection.class, () -> BoundedJson.parse(bad), bad);
            assertTrue(e.getMessage().contains("lone surrogate"), e.getMessage());
        }
        assertEquals("\ud83d\ude00", BoundedJson.parse("{\"a\":\"\\ud83d\\ude00\"}").getAsJsonObject().get("a").getAsString());
    }

    @Test
    void rejectsInvalidUtf8InsteadOfReplacingIt() {
        byte[][] bodies = {
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '(', '"', '}'},                // truncated sequence
            {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // an encoded surrogate
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},        // overlong '/'
        };
        for (byte[] body : bodies) {
            JsonRejection e = assertThrows(JsonRejection.class, () -> BoundedJson.parse(body, 1024));
            assertTrue(e.getMessage().contains("not valid UTF-8 (at byte 6)"), e.getMessage());
        }
    }
}
