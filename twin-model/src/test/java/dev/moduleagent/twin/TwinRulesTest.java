package dev.moduleagent.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IoT Hub's documented twin rules ("Understand and use device twins in IoT Hub": keys, values, depth, sizes), checked
 * on both representations. Where the copies this model replaced disagreed, the comment names the copy that failed.
 */
class TwinRulesTest {

    @Test
    void iotHubsOwnDepthExampleIsAcceptedAndOneMoreLevelIsRefused() {
        // IoT Hub's example: {"one":{"two":…{"ten":{"property":"value"}}}} in desired properties is valid.
        // Fails against the conformance kit's TwinLimits (69ece99), which counted the reported document as level 1
        // and refused this (at most 9 object levels below the section).
        assertEquals(List.of(), problems(objects(10)));
        List<String> problems = problems(objects(11));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("nested deeper than 10"), problems.toString());
    }

    @Test
    void arraysCountAsLevelsLikeObjects() {
        // Fails against the conformance kit's TwinLimits (69ece99), which did not count arrays: 11 nested arrays passed
        // there and were refused by local-hub (400) and by the agent at the call.
        assertEquals(List.of(), problems(parse("{\"a\":" + "[".repeat(10) + "]".repeat(10) + "}")));
        assertEquals(1, problems(parse("{\"a\":" + "[".repeat(11) + "]".repeat(11) + "}")).size());
        assertEquals(1, problems(parse("{\"a\":" + "[".repeat(9) + "{\"b\":{}}" + "]".repeat(9) + "}")).size(),
                "an object inside 9 arrays inside 'a' is level 11");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "a$b", "$version", "two words", "", "tab\tkey", "del\u007fkey", "nel\u0085key",
        "c1\u009fkey"})
    void keysIotHubRefusesAreRefused(String key) {
        // U+0085 (NEL) and U+009F are C1 control characters, which IoT Hub excludes from keys. Fails against the
        // conformance kit's TwinLimits (69ece99), which checked only C0 and DEL, so "nel\u0085key" passed there.
        List<String> problems = TwinRules.problems(JsonTree.PLAIN, Map.of(key, 1L), "desired", 0, 10);
        assertEquals(1, problems.size(), problems.toString());
        assertThrows(TwinRuleException.class, () -> TwinRules.checkKey(key, "component name"));
    }

    @Test
    void keysAreLimitedTo1024Utf8Bytes() {
        assertEquals(List.of(), problems(Map.of("é".repeat(512), 1L)));
        assertEquals(1, problems(Map.of("é".repeat(512) + "x", 1L)).size());
        assertEquals(List.of(), problems(Map.of("ключ_ü_✓", 1L)), "other non-ASCII characters are allowed");
    }

    @Test
    void stringsAreLimitedTo4096Utf8Bytes() {
        assertEquals(List.of(), problems(Map.of("s", "x".repeat(4096))));
        assertEquals(List.of(), problems(Map.of("s", "é".repeat(2048))));
        List<String> problems = problems(Map.of("s", "é".repeat(2048) + "x"));
        assertTrue(problems.get(0).contains("desired.s is a string of 4097 bytes"), problems.toString());
    }

    @Test
    void integersOutsideIotHubsRangeAreRefusedInEveryRepresentation() {
        // Fails against agent-core's ReportedValues/TwinRules (69ece99): they accepted Long.MAX_VALUE in a report,
        // which IoT Hub (and local-hub) then refused with 400 after it had left the outbox.
        assertEquals(List.of(), problems(Map.of("a", TwinLimits.MAX_INTEGER, "b", TwinLimits.MIN_INTEGER)));
        assertEquals(1, problems(Map.of("a", TwinLimits.MAX_INTEGER + 1)).size());
        assertEquals(1, problems(Map.of("a", new java.math.BigInteger("1".repeat(40)))).size());
        assertEquals(1, problems(parse("{\"a\":-4503599627370497}")).size());
        assertThrows(TwinRuleException.class,
                () -> TwinValues.checkedCopy(Map.of("counter", Long.MAX_VALUE), "os", 1));
    }

    @Test
    void numbersMustBeFiniteDoubles() {
        assertTrue(problems(Map.of("a", Double.NaN)).get(0).contains("not a number"));
        assertTrue(problems(Map.of("a", Double.POSITIVE_INFINITY)).get(0).contains("beyond the range of a double"));
        List<String> literal = problems(parse("{\"size\":1e999999}"));
        assertTrue(literal.get(0).contains("desired.size is the number 1e999999, beyond the range"), literal.toString());
        assertEquals(List.of(), problems(parse("{\"v\":1.7976931348623157e308,\"w\":1e-999999,\"x\":2.5}")));
    }

    @Test
    void onlyJsonTypesAreValuesAndThePluginApisTypesAreConvertedFirst() {
        // Enums become their names, as the agent reports them. Fails against the conformance kit's TwinLimits
        // (69ece99), which failed a plug-in for reporting an enum that the agent accepts.
        Map<String, Object> converted = TwinValues.checkedCopy(Map.of("state", Thread.State.NEW, "at", new At(3)),
                "demo", 1);
        assertEquals(Map.of("state", "NEW", "at", Map.of("line", 3L)), converted);
        assertThrows(TwinRuleException.class, () -> TwinValues.checkedCopy(Map.of("when", java.time.Instant.EPOCH),
                "demo", 1));
        assertTrue(problems(Map.of("when", java.time.Instant.EPOCH)).get(0).contains("java.time.Instant"));
    }

    @Test
    void sectionSizeIsCountedAsIotHubDocumentsItNotAsJsonText() {
        // 2000 numeric properties: 8 bytes each plus their keys is under 32 KB as IoT Hub counts them, while the
        // JSON text is over. Fails against the conformance kit's TwinLimits (69ece99), which measured JSON text.
        Map<String, Object> section = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            section.put("p" + i, 1234567890123L + i);
        }
        assertTrue(Json.sizeInBytes(Map.of("demo", section)) > TwinLimits.MAX_SECTION_BYTES);
        assertEquals(List.of(), TwinRules.componentProblems("demo", section, 10));
        section.put("big", "x".repeat(4000));
        section.put("big2", "x".repeat(4000));
        assertTrue(TwinRules.componentProblems("demo", section, 10).get(0).contains("more than 32768"));
    }

    @Test
    void tagsAreLimitedTo8KbAndPropertiesTo32Kb() {
        JsonElement nineKb = parse("{\"a\":\"" + "x".repeat(4000) + "\",\"b\":\"" + "x".repeat(4000) + "\",\"c\":\""
                + "x".repeat(1200) + "\"}");
        assertThrows(TwinRuleException.class, () -> TwinRules.checkSize(JsonTree.GSON, "tags", nineKb));
        TwinRules.checkSize(JsonTree.GSON, "desired", nineKb);
    }

    @Test
    void bothRepresentationsGiveTheSameVerdict() {
        String text = "{\"ok\":1,\"bad key\":2,\"o\":{\"s\":\"" + "y".repeat(5000) + "\",\"l\":[1,{\"x.y\":true}]}}";
        assertEquals(problems(Json.readObject(text)), problems(parse(text)));
        assertEquals(3, problems(parse(text)).size());
    }

    private record At(int line) {
    }

    private static List<String> problems(Map<String, ?> object) {
        return TwinRules.problems(JsonTree.PLAIN, object, "desired", 0, 10);
    }

    private static List<String> problems(JsonElement object) {
        return TwinRules.problems(JsonTree.GSON, object, "desired", 0, 10);
    }

    private static JsonElement parse(String json) {
        return JsonParser.parseString(json);
    }

    /** {@code {"one":{"two":…{"<levels>":{"property":"value"}}}}}: {@code levels} nested objects below the section. */
    private static Map<String, Object> objects(int levels) {
        Map<String, Object> map = Map.of("property", "value");
        for (int i = levels; i >= 1; i--) {
            map = Map.of("level" + i, map);
        }
        return map;
    }
}
