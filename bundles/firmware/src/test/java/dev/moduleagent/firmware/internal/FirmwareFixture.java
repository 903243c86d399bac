package dev.moduleagent.firmware.internal;

import dev.moduleagent.firmware.api.FirmwareHealthCheck;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Builds updaters over one root folder and desired sections for images, for the firmware tests. */
final class FirmwareFixture {

    static final FirmwareHealthCheck HEALTHY = (slot, image, version) -> Optional.empty();

    final Path root;
    FirmwareHealthCheck health = HEALTHY;
    SpaceProbe space = SpaceProbe.FILE_STORE;

    FirmwareFixture(Path root) {
        this.root = root;
    }

    FirmwareUpdater updater() {
        FirmwareSettings settings = new FirmwareSettings(root, 1L << 30, Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofMinutes(2));
        return new FirmwareUpdater(settings, health, space);
    }

    static Map<String, Object> section(String version, URI url, byte[] image) {
        return section(version, url, ImageServer.sha256(image), image.length);
    }

    static Map<String, Object> section(String version, URI url, String sha256, long size) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("version", version);
        section.put("url", url.toString());
        section.put("sha256", sha256);
        section.put("size", size);
        return section;
    }

    String activeSlot() throws IOException {
        Path pointer = root.resolve("active");
        return Files.exists(pointer) ? Files.readString(pointer, StandardCharsets.US_ASCII).trim() : null;
    }

    byte[] imageIn(String slot) throws IOException {
        return Files.readAllBytes(root.resolve("slots").resolve(slot).resolve("image.bin"));
    }

    Path partial() {
        return root.resolve("download").resolve("image.part");
    }
}
