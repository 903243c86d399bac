package dev.moduleagent.sysinfo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.api.CommandRequest;
import dev.moduleagent.api.CommandResponse;
import dev.moduleagent.conformance.ApplyResult;
import dev.moduleagent.conformance.ConformanceKit;
import dev.moduleagent.conformance.ReportedPropertiesRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysinfoComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path data;
    private final ReportedPropertiesRecorder reported = new ReportedPropertiesRecorder();

    private SysinfoComponent newComponent() {
        SysinfoSettings settings = new SysinfoSettings(data, Duration.ofSeconds(300), Path.of("/proc"),
                Path.of("/etc/os-release"));
        return new SysinfoComponent(settings, reported, () -> "1.2.3");
    }

    @Test
    void reportsTheInventoryThroughReportedPropertiesAsSoonAsItStarts() throws Exception {
        try (SysinfoComponent component = newComponent()) {
            Map<String, Object> section = reported.await("sysinfo", s -> s.containsKey("cpuCount"), WAIT);
            assertEquals("1.2.3", section.get("agentVersion"));
            assertTrue(section.containsKey("jvmVersion"));
        }
    }

    @Test
    void reportsAgainAtOnceWhenTheIntervalChangesAndKeepsItAcrossRestarts() throws Exception {
        try (ConformanceKit kit = ConformanceKit.forComponent("sysinfo", this::newComponent)) {
            kit.handler();
            reported.await("sysinfo", s -> s.containsKey("cpuCount"), WAIT);
            int before = reported.reports();
            ApplyResult result = kit.expect(200, Map.of("intervalSeconds", 45L));
            assertEquals("reporting every 45 s", result.outcome().description());
            waitForReports(before + 1);
            assertTrue(Files.readString(data.resolve("sysinfo.properties")).contains("intervalSeconds=45"));
            kit.restart();
            assertEquals("reporting every 45 s", kit.expect(200, Map.of("intervalSeconds", 45L)).outcome()
                    .description());
        }
    }

    @Test
    void theRefreshCommandReportsTheInventoryAtOnceAndAnswersWithIt() throws Exception {
        try (SysinfoComponent component = newComponent()) {
            reported.await("sysinfo", s -> s.containsKey("cpuCount"), WAIT);
            int before = reported.reports();
            assertEquals(Set.of("refresh"), component.commands());
            CommandResponse answer = component.handle(new CommandRequest("sysinfo", "refresh", null, WAIT));
            assertEquals(200, answer.status());
            assertTrue(((Map<?, ?>) answer.payload()).containsKey("cpuCount"));
            assertEquals(before + 1, reported.reports(), "reported at once, not at the 300 s interval");
        }
    }

    @Test
    void rejectsAnIntervalOutsideItsRangeNamingIt() throws Exception {
        try (ConformanceKit kit = ConformanceKit.forComponent("sysinfo", this::newComponent)) {
            assertEquals("intervalSeconds 1 is not a whole number from 10 to 86400",
                    kit.expect(400, Map.of("intervalSeconds", 1L)).outcome().description());
            assertEquals("intervalSeconds fast is not a whole number from 10 to 86400",
                    kit.expect(400, Map.of("intervalSeconds", "fast")).outcome().description());
            assertEquals("unknown property 'interval'; sysinfo takes intervalSeconds",
                    kit.expect(400, Map.of("interval", 60L)).outcome().description());
        }
    }

    @Test
    void endsItsRefreshThreadWhenClosed() throws Exception {
        SysinfoComponent component = newComponent();
        reported.await("sysinfo", s -> s.containsKey("cpuCount"), WAIT);
        Thread refresh = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(InventoryRefresher.THREAD_NAME)).findFirst().orElseThrow();
        component.close();
        refresh.join(WAIT.toMillis());
        assertTrue(!refresh.isAlive(), "the refresh thread ended");
    }

    private void waitForReports(int count) throws InterruptedException {
        reported.await("sysinfo", s -> reported.reports() >= count, WAIT);
    }
}
