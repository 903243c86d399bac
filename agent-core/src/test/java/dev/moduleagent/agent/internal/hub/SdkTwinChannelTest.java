package dev.moduleagent.agent.internal.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moduleagent.agent.internal.AgentSettings;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class SdkTwinChannelTest {

    @Test
    void theSdkClientGetsTheGatewayKeepAliveOf60SecondsUnlessConfigured() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("hub.host", "127.0.0.2");
        config.put("device.id", "dev1");
        config.put("module.id", "mod1");
        config.put("key.file", "k.pem");
        config.put("cert.file", "c.pem");
        config.put("data.dir", "data");

        assertEquals(60, keepAliveOf(config));
        config.put("keepalive.seconds", "15");
        assertEquals(15, keepAliveOf(config));
    }

    private static int keepAliveOf(Map<String, Object> config) throws Exception {
        HubSettings settings = AgentSettings.parse(config).hubSettings(SSLContext.getDefault());
        SdkTwinChannel channel = (SdkTwinChannel) new SdkChannelFactory(settings).create((status, reason) -> { });
        try {
            return channel.keepAliveSeconds();
        } finally {
            channel.close();
        }
    }
}
