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
}
