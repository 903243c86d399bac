package dev.moduleagent.conformance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportedSectionTest {

    @Test
    void mergesNestedObjectsAndDeletesNullsLikeATwinPatch() {
        ReportedSection section = new ReportedSection();
        section.merge(Map.of("effective", Map.of("a", 1L, "b", 2L), "state", "Idle"));
        Map<String, Object> inner = new HashMap<>();
        inner.put("b", null);
        inner.put("c", 3L);
        Map<String, Object> patch = new HashMap<>();
        patch.put("effective", inner);
        patch.put("state", null);
        section.merge(patch);
        assertEquals(Map.of("effective", Map.of("a", 1L, "c", 3L)), section.snapshot());
    }
}
