package dev.moduleagent.firmware.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Keeps the {@link FirmwareStatus} in {@code status.properties} under the root, replaced atomically. */
final class StatusStore {

    private final Path file;

    StatusStore(Path root) {
        this.file = root.resolve("status.properties");
    }

    FirmwareStatus load() throws IOException {
        return FirmwareStatus.fromProperties(AtomicFiles.read(file));
    }

    void save(FirmwareStatus status) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, status.toProperties());
    }
}
