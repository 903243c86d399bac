package dev.moduleagent.firmware.internal;

import static dev.moduleagent.firmware.internal.FirmwareFixture.section;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moduleagent.conformance.ApplyResult;
import dev.moduleagent.conformance.ConformanceKit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthCheckCommandTest {

    private static final String SCRIPT = """
            #!/bin/sh
            if [ "$(cat "$FIRMWARE_IMAGE")" != "good" ]; then
              echo "slot $FIRMWARE_SLOT runs broken $FIRMWARE_VERSION"
              exit 3
            fi
            echo healthy
            """;

    @Test
    void rollsBackWhenTheHealthCheckScriptFailsAndKeepsAHealthyUpdate(@TempDir Path root, @TempDir Path work)
            throws Exception {
        Path script = work.resolve("check.sh");
        Files.writeString(script, SCRIPT, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path good = Files.writeString(work.resolve("good.bin"), "good");
        Path bad = Files.writeString(work.resolve("bad.bin"), "bad!");
        FirmwareFixture fixture = new FirmwareFixture(root);
        fixture.health = new CommandHealthCheck(List.of(script.toString()), Duration.ofSeconds(30),
                root.resolve("health-check.log"));
        try (ConformanceKit kit = ConformanceKit.forComponent("firmware", fixture::updater)) {
            kit.expect(200, section("1.0", good.toUri(), "good".getBytes(StandardCharsets.US_ASCII)));
            byte[] badBytes = "bad!".getBytes(StandardCharsets.US_ASCII);
            ApplyResult result = kit.expect(500, section("1.1", bad.toUri(), badBytes));
            assertEquals("health check of 1.1 in slot B failed (health check exited with 3: slot B runs broken 1.1);"
                    + " rolled back to slot A", result.outcome().description());
            assertEquals("A", fixture.activeSlot());
        }
    }
}
