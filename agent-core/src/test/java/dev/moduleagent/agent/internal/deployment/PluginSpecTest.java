package dev.moduleagent.agent.internal.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginSpecTest {

    private static final String SHA = "ab".repeat(32);

    @Test
    void GIVEN_good_bad_and_duplicate_entries_THEN_the_good_ones_parse_and_each_bad_one_gets_its_reason() {
        Map<String, Object> plugins = new LinkedHashMap<>();
        plugins.put("firmware", Map.of("version", "1.3.0", "url", "https://repo/x.jar", "sha256", SHA.toUpperCase()));
        plugins.put("a", Map.of("version", "1.0.0", "url", "https://repo/a.jar", "sha256", "cd".repeat(32)));
        plugins.put("b", Map.of("version", "1.0.0", "url", "https://repo/b.jar", "sha256", "cd".repeat(32)));
        plugins.put("ftp", Map.of("version", "1.0.0", "url", "ftp://repo/x.jar", "sha256", "ef".repeat(32)));
        plugins.put("short", Map.of("version", "1.0.0", "url", "https://repo/x.jar", "sha256", "abc"));
        plugins.put("extra", Map.of("version", "1.0.0", "url", "https://r/x.jar", "sha256", "01".repeat(32),
                "color", "red"));
        plugins.put("gone", null);
        Map<String, PluginSpec> specs = new LinkedHashMap<>();

        Map<String, String> refused = PluginSpec.parse(plugins, specs);

        assertEquals(java.util.Set.of("firmware"), specs.keySet());
        assertEquals(SHA, specs.get("firmware").sha256());
        assertTrue(refused.get("a").contains("the same jar"), refused.toString());
        assertTrue(refused.get("b").contains("the same jar"));
        assertTrue(refused.get("ftp").contains("https, http or file"));
        assertTrue(refused.get("short").contains("64 hex"));
        assertTrue(refused.get("extra").contains("unknown field 'color'"));
        assertEquals(5, refused.size(), "a removed entry is neither deployed nor refused");
    }
}
