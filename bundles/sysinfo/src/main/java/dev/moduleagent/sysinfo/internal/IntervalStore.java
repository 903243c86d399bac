package dev.moduleagent.sysinfo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * Keeps the refresh interval the twin asked for, since the agent does not hand an unchanged section over again after
 * a restart: {@code sysinfo.properties} in the data folder, replaced atomically.
 */
final class IntervalStore {

    private final Path file;

    IntervalStore(Path dataFolder) {
        this.file = dataFolder.resolve("sysinfo.properties");
    }

    Optional<Duration> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            return Optional.of(Duration.ofSeconds(Long.parseLong(properties.getProperty("intervalSeconds", ""))));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void save(Duration interval) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("intervalSeconds", Long.toString(interval.toSeconds()));
        StringWriter text = new StringWriter();
        properties.store(text, "refresh interval set through the twin");
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(".sysinfo.properties.tmp");
        Files.writeString(temp, text.toString(), StandardCharsets.ISO_8859_1);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
