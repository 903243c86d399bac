package dev.moduleagent.agent.internal.identity;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * The renewal's journal: a small properties file beside the key ({@code <key.file>.renewal}) holding the current
 * {@link RenewalState} and the last result. Written whole to a temporary file, synced, then renamed over the old
 * one, so a kill leaves either the old or the new content. Only the renewal thread (never interrupted) writes it.
 */
public final class RenewalJournal {

    private static final int MAX_BYTES = 8 * 1024;

    private final Path file;

    /** @param file the journal file */
    public RenewalJournal(Path file) {
        this.file = file;
    }

    /**
     * What the journal holds.
     *
     * @param state the step in progress
     * @param last the last result, or {@code null}
     */
    public record Entry(RenewalState state, RenewalResult last) {
    }

    /**
     * @return the journal's content; {@link RenewalState#VALID} with no result when there is no journal
     * @throws IOException when it cannot be read or is not a journal
     */
    public Entry read() throws IOException {
        Properties properties = new Properties();
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException(file + " is larger than " + MAX_BYTES + " bytes: not a renewal journal");
            }
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return new Entry(RenewalState.VALID, null);
        }
        try {
            RenewalState state = RenewalState.valueOf(properties.getProperty("state", "VALID"));
            String time = properties.getProperty("last.time");
            RenewalResult last = time == null ? null : new RenewalResult(Instant.parse(time),
                    properties.getProperty("last.outcome", "?"), properties.getProperty("last.reason", ""));
            return new Entry(state, last);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IOException(file + " is not a renewal journal (" + e.getMessage() + ")", e);
        }
    }

    /**
     * @param entry the new content, durable when this returns
     * @throws IOException when it cannot be written
     */
    public void write(Entry entry) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("state", entry.state().name());
        if (entry.last() != null) {
            properties.setProperty("last.time", entry.last().time().toString());
            properties.setProperty("last.outcome", entry.last().outcome());
            properties.setProperty("last.reason", entry.last().reason());
        }
        StringWriter text = new StringWriter();
        properties.store(text, "module agent certificate renewal (written by the agent)");
        writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes a whole file under a temporary name in the same folder, syncs it and renames it into place.
     *
     * @param target the destination
     * @param bytes the content
     * @throws IOException when it cannot be written
     */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        move(temp, target);
    }

    /**
     * Renames atomically where the file system can, replacing the target.
     *
     * @param from the source
     * @param to the target
     * @throws IOException when the rename fails
     */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
