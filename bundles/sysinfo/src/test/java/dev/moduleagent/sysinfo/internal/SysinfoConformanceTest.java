package dev.moduleagent.sysinfo.internal;

import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.conformance.ComponentHandlerConformance;
import dev.moduleagent.conformance.ReportedPropertiesRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class SysinfoConformanceTest extends ComponentHandlerConformance {

    @TempDir
    Path data;

    @Override
    protected String component() {
        return "sysinfo";
    }

    @Override
    protected ComponentHandler newHandler() {
        return new SysinfoComponent(new SysinfoSettings(data, Duration.ofSeconds(300), Path.of("/proc"),
                Path.of("/etc/os-release")), new ReportedPropertiesRecorder(), () -> "test");
    }

    @Override
    protected Map<String, Object> validSection() {
        return Map.of("intervalSeconds", 60L);
    }

    @Override
    protected Map<String, Object> newerSection() {
        return Map.of("intervalSeconds", 120L);
    }

    @Override
    protected Map<String, Object> invalidSection() {
        return Map.of("intervalSeconds", 0L);
    }
}
