package dev.moduleagent.certs.internal;

import dev.moduleagent.certs.CertificateToolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that it is either complete or absent: the bytes go to a temporary file in the same folder
 * (created with its final permissions, so a key is never readable by others, not even while it is written),
 * which is then moved into place atomically.
 */
public final class AtomicFileWriter {

    /** Permissions of private keys: owner read/write only. */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    /** Permissions of certificates and CSRs. */
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFileWriter() {
    }

    /**
     * @param file the destination
     * @param bytes the complete content
     * @param permissions the POSIX permissions the file has from its creation (ignored on non-POSIX file systems)
     * @param overwrite whether an existing file may be replaced
     * @throws CertificateToolException when the file exists and overwrite is false, or it cannot be written
     */
    public static void write(Path file, byte[] bytes, Set<PosixFilePermission> permissions, boolean overwrite)
            throws CertificateToolException {
        Path target = file.toAbsolutePath();
        if (!overwrite && Files.exists(target)) {
            throw new CertificateToolException(file + ": already exists (use --force to overwrite)");
        }
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp", attributes(target, permissions));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            moveIntoPlace(temp, target, overwrite);
        } catch (FileAlreadyExistsException e) {
            throw new CertificateToolException(file + ": already exists (use --force to overwrite)", e);
        } catch (IOException e) {
            throw new CertificateToolException(file + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            deleteQuietly(temp); // gone after a move; after a hard link, the second name is dropped
        }
    }

    private static void moveIntoPlace(Path temp, Path target, boolean overwrite) throws IOException {
        if (!overwrite) {
            try {
                Files.createLink(target, temp); // atomic, and fails if a file appeared meanwhile
                return;
            } catch (UnsupportedOperationException e) {
                // no hard links here: fall through to a move after the existence check done by the caller
            }
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static FileAttribute<?>[] attributes(Path target, Set<PosixFilePermission> permissions) {
        if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
        }
        return new FileAttribute<?>[0];
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // best effort: the temporary file holds nothing that is not also in the destination or discarded
        }
    }
}
