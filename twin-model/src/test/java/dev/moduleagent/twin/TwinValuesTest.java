package dev.moduleagent.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwinValuesTest {

    @Test
    void aCopyIsDeepAndMutable() {
        Map<String, Object> original = Json.readObject("{\"o\":{\"l\":[1,{\"x\":2}]}}");
        Map<String, Object> copy = TwinValues.copy(original);
        assertEquals(original, copy);
        TwinValues.cast((Map<?, ?>) copy.get("o")).put("new", true);
        assertNotSame(original.get("o"), copy.get("o"));
        assertEquals(Json.readObject("{\"o\":{\"l\":[1,{\"x\":2}]}}"), original);
    }

    @Test
    void aFrozenCopyRefusesChangesAtEveryDepth() {
        Map<String, Object> frozen = TwinValues.frozen(Json.readObject("{\"o\":{\"l\":[1]}}"));
        Map<?, ?> inner = (Map<?, ?>) frozen.get("o");
        assertThrows(UnsupportedOperationException.class, () -> frozen.put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) inner.get("l")).clear());
    }

    @Test
    void javaValuesBecomePlainValues() {
        Map<String, Object> converted = TwinValues.fromJava(Map.of("i", 1, "f", 1.5f, "c", 'x',
                "a", new int[] {1, 2}, "s", java.util.Set.of("only")), "demo", 1);
        assertEquals(Map.of("i", 1L, "f", 1.5d, "c", "x", "a", List.of(1L, 2L), "s", List.of("only")), converted);
    }

    @Test
    void aMapThatContainsItselfIsRefusedByDepthNotFollowedForever() {
        Map<String, Object> loop = new HashMap<>();
        loop.put("self", loop);
        TwinRuleException refused = assertThrows(TwinRuleException.class, () -> TwinValues.fromJava(loop, "demo", 1));
        assertTrue(refused.getMessage().contains("nested deeper than 10"), refused.getMessage());
        List<Object> list = new ArrayList<>();
        list.add(list);
        assertThrows(TwinRuleException.class, () -> TwinValues.fromJava(Map.of("l", list), "demo", 1));
    }

    @Test
    void thePnpMarkerIsNotAProperty() {
        assertTrue(PnpComponent.isMarker("__t"));
        assertEquals("c", PnpComponent.MARKER_VALUE);
    }
}
