package dev.moduleagent.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    @Test
    void ignoresKeyOrderAndIntegerWidth() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("version", "1.0");
        a.put("options", Map.of("x", 1, "y", List.of(1L, 2L)));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("options", Map.of("y", List.of(1, 2), "x", 1L));
        b.put("version", "1.0");

        assertEquals(ContentHash.of(a), ContentHash.of(b));
    }

    @Test
    void differsWhenAValueOrListOrderDiffers() {
        assertNotEquals(ContentHash.of(Map.of("v", "1.0")), ContentHash.of(Map.of("v", "1.1")));
        assertNotEquals(ContentHash.of(Map.of("l", List.of(1L, 2L))), ContentHash.of(Map.of("l", List.of(2L, 1L))));
    }

    @Test
    void readsNumbersBackAsLongOrDoubleAndKeepsNulls() {
        Map<String, Object> map = Json.readObject("{\"i\":3,\"d\":2.5,\"n\":null}");
        assertEquals(3L, map.get("i"));
        assertEquals(2.5, map.get("d"));
        assertEquals("{\"i\":3,\"d\":2.5,\"n\":null}", Json.write(map));
    }
}
