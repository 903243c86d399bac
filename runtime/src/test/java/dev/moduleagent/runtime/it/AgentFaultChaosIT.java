package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: the agent process is killed (SIGKILL) or stopped (SIGTERM) at random points of a stream of desired patches,
 * more patches arrive while it is down, and it is started again (hub on 127.0.0.61). {@code -Dchaos.rounds=20}.
 */
class AgentFaultChaosIT extends ChaosSupport {

    private static final Set<String> OFFLINE = Set.of("STOPPED", "DISCONNECTED");

    @TempDir
    static Path hubDir;

    @BeforeAll
    static void startHub() throws Exception {
        startHub("127.0.0.61", hubDir.resolve("hub"));
    }

    @AfterAll
    static void closeHub() {
        stopHub();
    }

    @Test
    void killedAtRandomPointsOfAStreamTheAgentLosesNothingAndReappliesNothingAcknowledged() throws Exception {
        ChaosFigures figures = new ChaosFigures("kill-9", SEED);
        AgentHome home = chaosHome("chaos-kill");
        AgentProcess agent = startConverged(home, "chaos-kill");
        for (int round = 0; round < ROUNDS; round++) {
            int before = 1 + random.nextInt(4);
            push("chaos-kill", before);
            awaitRandomPoint(home, before);
            agent.close(); // SIGKILL
            figures.faults++;
            noteAcknowledged(home, "chaos-kill");
            push("chaos-kill", random.nextInt(3));
            agent = start(home);
            awaitConverged("chaos-kill", figures);
        }
        tallyUp(home, figures);
        figures.print();
        assertClean(figures, ROUNDS);
    }

    @Test
    void stoppedWithSigtermMidStreamTheAgentExitsWithinFiveSecondsAndLosesNothing() throws Exception {
        ChaosFigures figures = new ChaosFigures("sigterm", SEED);
        List<String> stopErrors = new ArrayList<>();
        AgentHome home = chaosHome("chaos-term");
        AgentProcess agent = startConverged(home, "chaos-term");
        for (int round = 0; round < ROUNDS; round++) {
            int before = 1 + random.nextInt(4);
            push("chaos-term", before);
            awaitRandomPoint(home, before);
            long start = System.nanoTime();
            int exit = agent.terminate(Duration.ofSeconds(40));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            figures.stopped(took);
            figures.faults++;
            if (exit != 143 && exit != 0) {
                System.out.println("CHAOS sigterm exit code " + exit + " after " + took.toMillis() + " ms");
            }
            noteAcknowledged(home, "chaos-term");
            if (hub.twin(DEVICE, "chaos-term").map(AgentItSupport::connectionState).filter(OFFLINE::contains)
                    .isPresent()) {
                figures.offlineReported++;
            }
            hub.twin(DEVICE, "chaos-term").map(AgentItSupport::deployErrors).ifPresent(stopErrors::addAll);
            push("chaos-term", random.nextInt(3));
            agent = start(home);
            awaitConverged("chaos-term", figures);
        }
        tallyUp(home, figures);
        figures.print();
        assertClean(figures, ROUNDS);
        assertTrue(figures.longestStop().compareTo(STOP_BOUND) <= 0, "a stop took longer than 5 s: " + figures.line());
        assertEquals(List.of(), stopErrors, "a clean stop must not report the plug-ins it stops as failed to start");
    }
}
