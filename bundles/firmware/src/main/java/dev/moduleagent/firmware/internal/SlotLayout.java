package dev.moduleagent.firmware.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The A/B layout under the root: {@code slots/A} and {@code slots/B} each hold an {@code image.bin} and its
 * {@code slot.properties}; the one-line file {@code active} names the active slot and is only ever replaced by an
 * atomic rename, so the device boots either the old slot or the new one.
 */
public final class SlotLayout {

    private static final String IMAGE = "image.bin";
    private final Path root;

    /** @param root the updater's root folder */
    public SlotLayout(Path root) {
        this.root = root;
    }

    /**
     * @return the active slot, if any
     * @throws IOException when the pointer cannot be read
     */
    public Optional<String> active() throws IOException {
        Path pointer = root.resolve("active");
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        String slot = Files.readString(pointer, StandardCharsets.US_ASCII).trim();
        return slot.equals("A") || slot.equals("B") ? Optional.of(slot) : Optional.empty();
    }

    /**
     * @return the slot to stage into: the one not active
     * @throws IOException when the pointer cannot be read
     */
    public String inactive() throws IOException {
        return active().map(slot -> slot.equals("A") ? "B" : "A").orElse("A");
    }

    /**
     * Moves a verified image into a slot, replacing what the slot held.
     *
     * @param slot the slot, never the active one
     * @param image the verified image, on the same file system
     * @param version its version
     * @param sha256 its SHA-256
     * @return the image's path in the slot
     * @throws IOException when the slot cannot be written
     */
    public Path stage(String slot, Path image, String version, String sha256) throws IOException {
        Path folder = root.resolve("slots").resolve(slot);
        clear(folder);
        Files.createDirectories(folder);
        Path target = folder.resolve(IMAGE);
        Files.move(image, target, StandardCopyOption.ATOMIC_MOVE);
        Properties properties = new Properties();
        properties.setProperty("version", version);
        properties.setProperty("sha256", sha256);
        AtomicFiles.write(folder.resolve("slot.properties"), properties);
        return target;
    }

    /**
     * Makes a slot active, or none, by atomically replacing the pointer.
     *
     * @param slot the slot, or {@code null} for none
     * @throws IOException when the pointer cannot be written
     */
    public void activate(String slot) throws IOException {
        Path pointer = root.resolve("active");
        if (slot == null) {
            Files.deleteIfExists(pointer);
        } else {
            AtomicFiles.write(pointer, (slot + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * @param slot a slot
     * @return its {@code version} and {@code sha256}, or empty when it holds no staged image
     * @throws IOException when its properties cannot be read
     */
    public Optional<Properties> info(String slot) throws IOException {
        Path folder = root.resolve("slots").resolve(slot);
        if (!Files.isRegularFile(folder.resolve(IMAGE)) || !Files.isRegularFile(folder.resolve("slot.properties"))) {
            return Optional.empty();
        }
        Properties properties = AtomicFiles.read(folder.resolve("slot.properties"));
        return properties.getProperty("version") == null ? Optional.empty() : Optional.of(properties);
    }

    /**
     * @param slot a slot
     * @return the path of its image
     */
    public Path image(String slot) {
        return root.resolve("slots").resolve(slot).resolve(IMAGE);
    }

    private static void clear(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
