package dev.moduleagent.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class TwinSizeTest {

    @Test
    void countsKeysAndValuesAsIotHubDocumentsIt() {
        assertEquals(2 + 8, TwinSize.of(JsonParser.parseString("{\"ab\":123456789012}")));
        assertEquals(2 + 4, TwinSize.of(JsonParser.parseString("{\"ok\":true}")));
        assertEquals(1 + 3, TwinSize.of(JsonParser.parseString("{\"s\":\"abc\"}")));
        assertEquals(1 + 2, TwinSize.of(JsonParser.parseString("{\"s\":\"é\"}")), "UTF-8 bytes");
        assertEquals(1 + 1, TwinSize.of(JsonParser.parseString("{\"s\":\"a\\u0007\\u0085\"}")), "control characters do not count");
        assertEquals(1 + (1 + 8) + 1 + 8, TwinSize.of(JsonParser.parseString("{\"o\":{\"n\":1},\"l\":[1]}")), "nested values");
    }
}
