package dev.moduleagent.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes the launch's own folders (the bundle cache, Configuration Admin's store), contents first. */
public final class Folders {

    private Folders() {
    }

    /**
     * Deletes a folder and everything in it; a folder that does not exist is nothing to do.
     *
     * @param folder the folder
     * @throws IOException when something in it cannot be deleted
     */
    public static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
