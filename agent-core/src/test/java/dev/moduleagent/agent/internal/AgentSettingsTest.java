package dev.moduleagent.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.moduleagent.agent.internal.hub.Transport;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class AgentSettingsTest {

    /** @return the required keys with valid values */
    public static Map<String, Object> minimal() {
        Map<String, Object> map = new HashMap<>();
        map.put("hub.host", "127.0.0.2");
        map.put("device.id", "dev1");
        map.put("module.id", "mod1");
        map.put("key.file", "/etc/agent/module.key.pem");
        map.put("cert.file", "/etc/agent/module.cert.pem");
        map.put("data.dir", "/var/lib/agent");
        return map;
    }

    @Test
    void appliesDefaultsForOptionalKeys() throws Exception {
        AgentSettings settings = AgentSettings.parse(minimal());

        assertEquals(Transport.MQTT, settings.transport());
        assertEquals(60, settings.keepAliveSeconds());
        assertNull(settings.gatewayHost());
        assertNull(settings.identityFiles().trustFile());
        assertEquals(Path.of("/var/lib/agent"), settings.dataDir());
    }

    @Test
    void acceptsStringNumbersAndLowerCaseTransport() throws Exception {
        Map<String, Object> map = minimal();
        map.put("keepalive.seconds", "60");
        map.put("transport", "amqps_ws");
        map.put("gateway.host", "edge.local");

        AgentSettings settings = AgentSettings.parse(map);
        assertEquals(60, settings.keepAliveSeconds());
        assertEquals(Transport.AMQPS_WS, settings.transport());
        assertEquals("edge.local", settings.gatewayHost());
    }

    @Test
    void namesTheMissingKey() {
        Map<String, Object> map = minimal();
        map.remove("cert.file");

        StartupException e = assertThrows(StartupException.class, () -> AgentSettings.parse(map));
        assertEquals("configuration dev.moduleagent.agent: cert.file is missing", e.getMessage());
        assertEquals(0, e.getStackTrace().length, "the one-line message travels without a stack trace");
    }

    @Test
    void namesAnUnknownTransportAndTheAcceptedOnes() {
        Map<String, Object> map = minimal();
        map.put("transport", "HTTPS");

        StartupException e = assertThrows(StartupException.class, () -> AgentSettings.parse(map));
        assertEquals("configuration dev.moduleagent.agent: transport 'HTTPS' is not one of MQTT, MQTT_WS, AMQPS, AMQPS_WS",
                e.getMessage());
    }

    @Test
    void readsTheRenewalSettingsAndNamesAWrongOne() throws Exception {
        Map<String, Object> map = minimal();
        map.put("trust.file", "/etc/agent/hub-ca.pem");
        map.put("renew.est.url", "https://est.example:8443/.well-known/est");
        map.put("renew.before", "30%,7d");
        map.put("renew.check", "10m");
        AgentSettings settings = AgentSettings.parse(map);
        assertEquals(Path.of("/etc/agent/hub-ca.pem"), settings.renewal().estTrust());
        assertEquals(java.time.Duration.ofMinutes(10), settings.renewal().check());

        map.put("renew.before", "soon");
        StartupException e = assertThrows(StartupException.class, () -> AgentSettings.parse(map));
        assertEquals("configuration dev.moduleagent.agent: renew.before 'soon' is not valid: use a percentage (30%) or "
                + "a duration (7d, 12h, 30m, 45s, PT12H)", e.getMessage());
    }
}
