package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: the hub (127.0.0.62) stops and starts again at random points of a stream of desired patches while the agent
 * keeps running. {@code -Dchaos.rounds=20}.
 */
class HubRestartChaosIT extends ChaosSupport {

    @TempDir
    static Path hubDir;

    @BeforeAll
    static void startHub() throws Exception {
        startHub("127.0.0.62", hubDir.resolve("hub"));
    }

    @AfterAll
    static void closeHub() {
        stopHub();
    }

    @Test
    void hubRestartsAtRandomPointsOfAStreamLoseNothingAndReapplyNothing() throws Exception {
        ChaosFigures figures = new ChaosFigures("hub-restart", SEED);
        AgentHome home = chaosHome("chaos-hub");
        startConverged(home, "chaos-hub");
        for (int round = 0; round < ROUNDS; round++) {
            int before = 1 + random.nextInt(4);
            push("chaos-hub", before);
            awaitRandomPoint(home, before);
            noteAcknowledged(home, "chaos-hub");
            hub.stop();
            figures.faults++;
            hub.start();
            push("chaos-hub", random.nextInt(3));
            awaitConverged("chaos-hub", figures);
        }
        tallyUp(home, figures);
        figures.print();
        assertClean(figures, ROUNDS);
        assertEquals(0, figures.rerunAfterInterruptedApply, "the agent never stopped, so nothing may run twice: "
                + figures.line());
    }
}
