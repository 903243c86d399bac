package dev.moduleagent.osconfig.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Writes files and symbolic links atomically (a temporary sibling renamed over the target) and remembers what each
 * path held before its first change, so that a failure later in the same apply can put everything back.
 */
final class FileTransaction {

    /** What a path held before the transaction touched it: bytes, a link target, or nothing. */
    private record Original(Path path, byte[] content, Path link) {
    }

    private final Deque<Original> originals = new ArrayDeque<>();

    /**
     * @return whether the file changed (an identical file is left alone)
     */
    boolean write(Path file, byte[] content) throws IOException {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(file), content)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        remember(file);
        Path temp = temp(file);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /**
     * @return whether the link changed (a link to the same target is left alone)
     */
    boolean link(Path link, Path target) throws IOException {
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
            return false;
        }
        Files.createDirectories(link.getParent());
        remember(link);
        Path temp = temp(link);
        Files.deleteIfExists(temp);
        Files.createSymbolicLink(temp, target);
        Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /** Restores every changed path, the last change first. */
    void rollback() throws IOException {
        while (!originals.isEmpty()) {
            Original original = originals.pop();
            Path temp = temp(original.path());
            if (original.link() != null) {
                Files.deleteIfExists(temp);
                Files.createSymbolicLink(temp, original.link());
                Files.move(temp, original.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else if (original.content() != null) {
                Files.write(temp, original.content());
                Files.move(temp, original.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(original.path());
            }
        }
    }

    private void remember(Path path) throws IOException {
        for (Original original : originals) {
            if (original.path().equals(path)) {
                return;
            }
        }
        if (Files.isSymbolicLink(path)) {
            originals.push(new Original(path, null, Files.readSymbolicLink(path)));
        } else if (Files.isRegularFile(path)) {
            originals.push(new Original(path, Files.readAllBytes(path), null));
        } else {
            originals.push(new Original(path, null, null));
        }
    }

    private static Path temp(Path path) {
        return path.resolveSibling("." + path.getFileName() + ".module-agent.tmp");
    }
}
