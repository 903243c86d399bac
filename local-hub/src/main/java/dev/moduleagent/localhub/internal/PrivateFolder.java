package dev.moduleagent.localhub.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The hub's data folder holds the owner and policy keys (in {@code hub.mv.db}) and the CA key, so it is made private
 * whatever existed before: the folder and its sub-folders 0700, every file 0600. Symbolic links inside are left
 * alone (never followed), so a link cannot make the hub change the mode of a file elsewhere.
 */
public final class PrivateFolder {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** The data folder, {@code ca/}, and what H2 or cert-tools put below them; deeper trees are not the hub's. */
    private static final int MAX_DEPTH = 3;

    private PrivateFolder() {
    }

    /** Creates the folder 0700 when it is missing (no moment with wider rights), else narrows its rights. */
    public static void create(Path folder) throws IOException {
        if (!posix(folder)) {
            Files.createDirectories(folder);
            return;
        }
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
        }
        restrict(folder);
    }

    /** Sets the folder tree to 0700 (folders) and 0600 (files); a no-op on file systems without POSIX rights. */
    public static void restrict(Path folder) throws IOException {
        if (!posix(folder)) {
            return;
        }
        Files.walkFileTree(folder, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                narrow(dir, FOLDER);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isDirectory()) {
                    narrow(file, FOLDER);
                } else if (attributes.isRegularFile()) {
                    narrow(file, FILE);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void narrow(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (!Files.getPosixFilePermissions(path).equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
        }
    }

    private static boolean posix(Path folder) {
        return folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
