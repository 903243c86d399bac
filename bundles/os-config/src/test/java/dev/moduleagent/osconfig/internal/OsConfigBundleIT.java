package dev.moduleagent.osconfig.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moduleagent.conformance.BundleCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsConfigBundleIT {

    @Test
    void appliesSettingsInFelixUnderTheConfiguredRootAndLeavesNothingBehindWhenStopped(@TempDir Path folder,
            @TempDir Path root) throws Exception {
        OsRoot.create(root);
        BundleCheck.ofProjectBundle("osconfig")
                .configuration("dev.moduleagent.osconfig", Map.of("root", root.toString()))
                .whileActive((kit, reported) -> {
                    reported.await("osconfig", section -> section.containsKey("effective"), Duration.ofSeconds(10));
                    kit.expect(200, Map.of("timezone", "UTC", "hostname", "gw-it"));
                    kit.expect(400, Map.of("timezone", "Mars/Base"));
                })
                .run(folder);
        assertEquals("gw-it\n", OsRoot.read(root, "etc/hostname"));
    }
}
