package dev.moduleagent.agent.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigChangeTest {

    private static final Map<String, String> BASE = Map.of("hub.host", "127.0.0.2", "device.id", "gw",
            "module.id", "agent", "key.file", "/k.pem", "cert.file", "/c.pem", "data.dir", "/data",
            "plugins.healthWindow", "10");

    @Test
    void sameValuesNeedNothing() {
        assertEquals(ConfigChange.Scope.NONE, ConfigChange.between(BASE, new HashMap<>(BASE)).scope());
    }

    @Test
    void pluginHealthAndRenewalKeysApplyLive() {
        ConfigChange change = ConfigChange.between(BASE, with("plugins.healthWindow", "30", "health.port", "9600"));

        assertEquals(ConfigChange.Scope.LIVE, change.scope());
        assertEquals(Set.of("plugins.healthWindow", "health.port"), change.changed());
        assertTrue(change.touches("plugins."));
        assertFalse(change.touches("renew."));
    }

    @Test
    void hostTransportAndIdentityFilesRestartTheSession() {
        assertEquals(ConfigChange.Scope.SESSION, ConfigChange.between(BASE, with("hub.host", "127.0.0.3")).scope());
        assertEquals(ConfigChange.Scope.SESSION, ConfigChange.between(BASE, with("cert.file", "/new.pem",
                "plugins.healthWindow", "20")).scope());
        assertEquals(ConfigChange.Scope.SESSION, ConfigChange.between(BASE, with("transport", "AMQPS")).scope());
    }

    @Test
    void namesAndTheDataFolderRestartTheAgentAndARemovedKeyCounts() {
        assertEquals(ConfigChange.Scope.AGENT, ConfigChange.between(BASE, with("module.id", "other",
                "hub.host", "127.0.0.3")).scope());
        Map<String, String> without = new HashMap<>(BASE);
        without.remove("plugins.healthWindow");
        assertEquals(Set.of("plugins.healthWindow"), ConfigChange.between(BASE, without).changed());
    }

    private static Map<String, String> with(String... keysAndValues) {
        Map<String, String> map = new HashMap<>(BASE);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
