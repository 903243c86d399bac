package dev.moduleagent.agent.internal.deployment;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The deployer's own files, one folder per plug-in under {@code <data.dir>/plugins/<name>/}: {@code current.jar} (what
 * runs), {@code previous.jar} (what ran before the last update, for a rollback), {@code next.jar} (verified, being
 * installed), the download part, and {@code state.properties}, written (synced, then renamed) before each step acts so
 * that a restart knows where it stopped. The jars are moved into place by rename: never a half-written jar in place.
 */
final class PluginFiles {

    /** The steps of one deployment, persisted before each acts. */
    enum Step { INSTALLING, HEALTH_CHECK, ACTIVE }

    /**
     * @param name the plug-in
     * @param version the version of {@code current.jar} (or of {@code next.jar} while installing)
     * @param sha256 its hash
     * @param step where the deployment is
     * @param reason the last outcome's description
     */
    record State(String name, String version, String sha256, Step step, String reason) {
    }

    private final Path root;

    PluginFiles(Path root) {
        this.root = root;
    }

    Path folder(String name) {
        return root.resolve(name);
    }

    Path current(String name) {
        return folder(name).resolve("current.jar");
    }

    Path previous(String name) {
        return folder(name).resolve("previous.jar");
    }

    Path next(String name) {
        return folder(name).resolve("next.jar");
    }

    Optional<State> load(String name) throws IOException {
        Path file = folder(name).resolve("state.properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (var in = Files.newInputStream(file)) {
            properties.load(in);
        }
        try {
            return Optional.of(new State(name, properties.getProperty("version"), properties.getProperty("sha256"),
                    Step.valueOf(properties.getProperty("step")), properties.getProperty("reason", "")));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    void save(State state) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("version", state.version());
        properties.setProperty("sha256", state.sha256());
        properties.setProperty("step", state.step().name());
        properties.setProperty("reason", state.reason());
        Path folder = Files.createDirectories(folder(state.name()));
        Path staged = folder.resolve("state.properties.tmp");
        try (OutputStream out = Files.newOutputStream(staged)) {
            properties.store(out, "module-agent plug-in deployment");
        }
        sync(staged);
        Files.move(staged, folder.resolve("state.properties"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Moves a file into place by rename, after syncing it. */
    static void moveInPlace(Path from, Path to) throws IOException {
        sync(from);
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** @return the names of the plug-ins this deployer has files for */
    List<String> names() throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> folders = Files.list(root)) {
                folders.filter(folder -> Files.isRegularFile(folder.resolve("state.properties")))
                        .forEach(folder -> names.add(folder.getFileName().toString()));
            }
        }
        return names;
    }

    void delete(String name) throws IOException {
        Path folder = folder(name);
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Syncs through a plain stream's descriptor: unlike a FileChannel, an interrupt cannot break it. */
    private static void sync(Path file) throws IOException {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            out.getFD().sync();
        }
    }
}
