package dev.moduleagent.sysinfo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.conformance.BundleCheck;
import dev.moduleagent.conformance.BundleReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysinfoBundleIT {

    @Test
    void reportsInFelixAndEndsItsRefreshThreadWhenStopped(@TempDir Path folder, @TempDir Path data)
            throws Exception {
        BundleReport report = BundleCheck.ofProjectBundle("sysinfo")
                .configuration("dev.moduleagent.sysinfo", Map.of("dataFolder", data.toString()))
                .whileActive((kit, reported) -> {
                    reported.await("sysinfo", section -> section.containsKey("cpuCount"), Duration.ofSeconds(10));
                    kit.expect(200, Map.of("intervalSeconds", 30L));
                    kit.expect(400, Map.of("intervalSeconds", 5L));
                })
                .run(folder);
        assertTrue(report.threadsWhileActive().contains(InventoryRefresher.THREAD_NAME), report.toString());
        assertEquals("unknown", report.reported().get("sysinfo").get("agentVersion"));
    }
}
