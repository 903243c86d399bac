package dev.moduleagent.agent.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.store.StateStore;
import dev.moduleagent.agent.internal.testing.Await;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A plug-in that reports in a tight loop neither floods the state file nor loses its last value. */
class ReportFloodTest extends AgentTestSupport {

    @Test
    void twentyThousandReportsKeepTheStateFileSmallAndTheHubGetsTheLastValue() throws Exception {
        hub.reachable(false);
        agent = start();
        for (int i = 0; i < 20_000; i++) {
            agent.reported().report("os", Map.of("counter", i, "status", "x".repeat(400) + i));
        }
        hub.reachable(true);

        Await.until("the last value reported", () -> twin().get("os") instanceof Map<?, ?> os
                && Long.valueOf(19_999).equals(os.get("counter")), Duration.ofSeconds(30));
        agent.close();
        agent = null;
        long size = Files.size(dataDir.resolve(StateStore.FILE_NAME));
        assertTrue(size < 2 * 1024 * 1024, "state file of " + size + " bytes");
    }
}
