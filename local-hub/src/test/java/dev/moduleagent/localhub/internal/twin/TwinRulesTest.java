package dev.moduleagent.localhub.internal.twin;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.moduleagent.localhub.internal.Refusal;
import org.junit.jupiter.api.Test;

class TwinRulesTest {

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private static String nested(int objects) {
        return "{\"k\":".repeat(objects) + "1" + "}".repeat(objects);
    }

    @Test
    void acceptsObjectsTenLevelsBelowTheSectionAsIotHubDocuments() {
        assertDoesNotThrow(() -> TwinRules.checkPatch("desired", json("{\"x\":" + nested(10) + "}")));
    }

    @Test
    void refusesAnObjectElevenLevelsBelowTheSection() {
        Refusal refusal = assertThrows(Refusal.class, () -> TwinRules.checkPatch("desired", json("{\"x\":" + nested(11) + "}")));
        assertEquals(400, refusal.status());
        assertTrue(refusal.getMessage().contains("deeper than 10"), refusal.getMessage());
    }

    @Test
    void countsArraysAsLevels() {
        assertThrows(Refusal.class, () -> TwinRules.checkPatch("reported", json("{\"x\":" + "[".repeat(11) + "]".repeat(11) + "}")));
    }

    @Test
    void refusesKeysWithDotDollarSpaceOrControlCharacters() {
        for (String key : new String[] {"a.b", "a$b", "$version", "a b", "a\\u0001b", ""}) {
            Refusal refusal = assertThrows(Refusal.class, () -> TwinRules.checkPatch("tags", json("{\"" + key + "\":1}")), key);
            assertEquals(400, refusal.status());
        }
    }

    @Test
    void refusesNestedBadKeysAndLongStrings() {
        assertThrows(Refusal.class, () -> TwinRules.checkPatch("desired", json("{\"ok\":{\"bad.key\":1}}")));
        assertThrows(Refusal.class, () -> TwinRules.checkPatch("desired", json("{\"s\":\"" + "x".repeat(4097) + "\"}")));
        assertDoesNotThrow(() -> TwinRules.checkPatch("desired", json("{\"s\":\"" + "x".repeat(4096) + "\"}")));
    }

    @Test
    void refusesSectionsLargerThan32KbWith413() {
        JsonObject section = new JsonObject();
        for (int i = 0; i < 9; i++) {
            section.addProperty("f" + i, "y".repeat(4000));
        }
        assertEquals(413, assertThrows(Refusal.class, () -> TwinRules.checkSize("reported", section)).status());
        section.remove("f8");
        assertDoesNotThrow(() -> TwinRules.checkSize("reported", section));
    }

    @Test
    void refusesNumbersBeyondDoubleRangeInsteadOfStoringInfinity() {
        for (String number : new String[] {"1e999999", "-1e400", "1.0e309"}) {
            Refusal refusal = assertThrows(Refusal.class,
                () -> TwinRules.checkPatch("desired", (JsonObject) parsed("{\"n\":{\"v\":" + number + "}}")), number);
            assertEquals(400, refusal.status());
            assertTrue(refusal.getMessage().contains("desired.n.v") && refusal.getMessage().contains(number), refusal.getMessage());
        }
        assertDoesNotThrow(() -> TwinRules.checkPatch("desired", (JsonObject) parsed("{\"v\":1.7976931348623157e308,\"w\":1e-999999}")));
    }

    @Test
    void refusesIntegersOutsideIotHubsDocumentedBounds() {
        assertDoesNotThrow(() -> TwinRules.checkPatch("reported", (JsonObject) parsed("{\"a\":4503599627370495,\"b\":-4503599627370496}")));
        for (String number : new String[] {"4503599627370496", "-4503599627370497", "18446744073709551615", "9".repeat(300)}) {
            Refusal refusal = assertThrows(Refusal.class, () -> TwinRules.checkPatch("reported", (JsonObject) parsed("{\"a\":" + number + "}")));
            assertEquals(400, refusal.status());
            assertTrue(refusal.getMessage().contains("outside IoT Hub's range"), refusal.getMessage());
        }
    }

    /** As the hub parses: numbers kept as their literal. */
    private static com.google.gson.JsonElement parsed(String text) throws Exception {
        return dev.moduleagent.localhub.internal.json.BoundedJson.parse(text);
    }
}
