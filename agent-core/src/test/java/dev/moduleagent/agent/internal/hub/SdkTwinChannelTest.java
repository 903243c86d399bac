package dev.moduleagent.agent.internal.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moduleagent.agent.internal.AgentSettings;
import dev.moduleagent.agent.internal.AgentSettingsTest;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class SdkTwinChannelTest {

    @Test
    void theSdkClientGetsTheGatewayKeepAliveOf60SecondsUnlessConfigured() throws Exception {
        Map<String, Object> config = AgentSettingsTest.minimal();

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
