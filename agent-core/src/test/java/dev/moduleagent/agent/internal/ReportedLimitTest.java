package dev.moduleagent.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.agent.internal.testing.Await;
import dev.moduleagent.twin.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The agent against a hub that, like IoT Hub and local-hub, refuses (413) any reported patch that would make the
 * reported document larger than 32 KB: what the agent writes itself is bounded, and no ack is ever lost.
 */
class ReportedLimitTest extends AgentTestSupport {

    private static final int TWIN_LIMIT = 32 * 1024;

    @Test
    void nineHundredComponentsWithoutAPlugInNeitherFillTheReportedDocumentNorCostAnAck() throws Exception {
        hub.enforceReportedLimit(TWIN_LIMIT);
        hub.failNextReports(100); // the outbox fills while the hub is busy, so that reports coalesce into full patches
        Map<String, Object> desired = new LinkedHashMap<>();
        for (int i = 0; i < 900; i++) {
            desired.put("component" + i, Map.of("__t", "c", "setting", i));
            if (i == 600) { // its ack goes into a patch that completes the flood of inventory entries
                desired.put("firmware", Map.of("__t", "c", "version", "2.0"));
            }
        }
        hub.setDesired(desired, 7);
        agent = start();
        agent.addHandler(new HandlerInfo("firmware", "fw", "1", 1, 0), new Recording());

        Await.until("firmware acknowledged", () -> ack("firmware", "version")
                .filter(ack -> Long.valueOf(200).equals(ack.get("ac")) && Long.valueOf(7).equals(ack.get("av")))
                .isPresent(), Duration.ofSeconds(30));
        Await.until("inventory complete", () -> twin().get("agent") instanceof Map<?, ?> section
                && section.get("plugins") instanceof Map<?, ?> plugins && plugins.get("firmware") instanceof Map<?, ?> fw
                && Long.valueOf(200).equals(fw.get("ac")) && section.get("pluginsOmitted") instanceof Long omitted
                && omitted + plugins.size() == 901, Duration.ofSeconds(30));
        assertEquals(0, hub.refusedReports(), "the hub refused reported patches as too large");
        Map<String, Object> twin = twin();
        assertTrue(Json.write(twin).getBytes(StandardCharsets.UTF_8).length <= TWIN_LIMIT);
        Map<?, ?> agentSection = (Map<?, ?>) twin.get("agent");
        Map<?, ?> plugins = (Map<?, ?>) agentSection.get("plugins");
        assertTrue(plugins.containsKey("firmware"), "the component with a plug-in is listed first");
        assertEquals((long) (901 - plugins.size()), agentSection.get("pluginsOmitted"));
    }
}
