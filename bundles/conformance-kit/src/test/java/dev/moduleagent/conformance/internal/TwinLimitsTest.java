package dev.moduleagent.conformance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TwinLimitsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "$version", "two words", ""})
    void refusesKeysThatIotHubRefuses(String key) {
        List<String> problems = TwinLimits.violations("demo", Map.of(key, 1L));
        assertEquals(1, problems.size(), problems.toString());
    }

    @Test
    void acceptsNineNestedObjectsBelowTheSectionButNotTen() {
        assertEquals(List.of(), TwinLimits.violations("demo", nested(8)));
        List<String> problems = TwinLimits.violations("demo", nested(9));
        assertTrue(problems.get(0).contains("nested 11 objects deep"), problems.toString());
    }

    @Test
    void refusesValuesOfTypesOutsideTheApi() {
        List<String> problems = TwinLimits.violations("demo", Map.of("when", Instant.EPOCH));
        assertTrue(problems.get(0).contains("java.time.Instant"), problems.toString());
    }

    private static Map<String, Object> nested(int levels) {
        Map<String, Object> map = Map.of("leaf", 1L);
        for (int i = 0; i < levels; i++) {
            map = Map.of("level" + i, map);
        }
        return map;
    }
}
