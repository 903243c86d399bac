package dev.moduleagent.firmware.internal;

import static dev.moduleagent.firmware.internal.FirmwareFixture.section;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moduleagent.conformance.BundleCheck;
import dev.moduleagent.conformance.BundleReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirmwareBundleIT {

    @Test
    void installsAnImageInFelixUnderTheConfiguredRootAndLeavesNothingBehindWhenStopped(@TempDir Path folder,
            @TempDir Path root, @TempDir Path images) throws Exception {
        byte[] image = ImageServer.randomImage(1_000_000, 21);
        Path file = Files.write(images.resolve("fw-1.0.bin"), image);
        BundleReport report = BundleCheck.ofProjectBundle("firmware")
                .configuration("dev.moduleagent.firmware", Map.of("root", root.toString()))
                .whileActive((kit, reported) -> {
                    reported.await("firmware", section -> "Idle".equals(section.get("state")), Duration.ofSeconds(10));
                    kit.expect(200, section("1.0", file.toUri(), image));
                    kit.expect(200, section("1.0", file.toUri(), image));
                })
                .run(folder);
        assertEquals("dev.moduleagent.firmware", report.symbolicName());
        assertEquals(root.toString(), report.serviceProperties().get("root"));
        assertArrayEquals(image, Files.readAllBytes(root.resolve("slots/A/image.bin")));
    }
}
