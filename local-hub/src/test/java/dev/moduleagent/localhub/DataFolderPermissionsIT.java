package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder holds the owner key and the CA key: the hub makes it private whatever modes it finds. */
class DataFolderPermissionsIT {

    private static final String HOST = "127.0.0.41";

    @TempDir
    Path parent;

    @Test
    void aHubStartedOnAWorldReadableFolderMakesItAndItsFilesPrivate() throws Exception {
        Path dataDir = Files.createDirectory(parent.resolve("hub-data"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (LocalHub hub = LocalHub.start(HubConfig.defaults(HOST, dataDir))) {
            assertPrivate(dataDir);
        }
        widen(dataDir);
        assertEquals("rw-r--r--", mode(dataDir.resolve("hub.mv.db")), "the test widened the database");

        try (LocalHub hub = LocalHub.start(HubConfig.defaults(HOST, dataDir))) {
            assertPrivate(dataDir);
        }
    }

    private static void assertPrivate(Path dataDir) throws IOException {
        assertEquals("rwx------", mode(dataDir));
        assertEquals("rwx------", mode(dataDir.resolve("ca")));
        for (String file : List.of("hub.mv.db", "owner.connection-string", "ca/ca.key.pem", "ca/ca.cert.pem")) {
            assertEquals("rw-------", mode(dataDir.resolve(file)), file);
        }
    }

    /** What an earlier version, a copy or a careless operator leaves: folders 0755, files 0644. */
    private static void widen(Path dataDir) throws IOException {
        try (Stream<Path> all = Files.walk(dataDir)) {
            for (Path path : all.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
