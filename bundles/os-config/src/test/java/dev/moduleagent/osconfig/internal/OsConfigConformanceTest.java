package dev.moduleagent.osconfig.internal;

import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.conformance.ComponentHandlerConformance;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class OsConfigConformanceTest extends ComponentHandlerConformance {

    @TempDir
    Path root;

    @BeforeEach
    void createRoot() throws Exception {
        OsRoot.create(root);
    }

    @Override
    protected String component() {
        return "osconfig";
    }

    @Override
    protected ComponentHandler newHandler() {
        return new OsConfigHandler(root);
    }

    @Override
    protected Map<String, Object> validSection() {
        return Map.of("timezone", "Europe/Berlin", "hostname", "gw-01", "ntpServers", "pool.ntp.org",
                "logLevel", "info");
    }

    @Override
    protected Map<String, Object> newerSection() {
        return Map.of("timezone", "America/New_York", "hostname", "gw-02");
    }

    @Override
    protected Map<String, Object> invalidSection() {
        return Map.of("hostname", "not a host");
    }
}
