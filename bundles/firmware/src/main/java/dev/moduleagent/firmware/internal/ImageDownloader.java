package dev.moduleagent.firmware.internal;

import dev.moduleagent.api.ApplyContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Downloads an image into {@code download/image.part}, hashing as it writes, never past the declared size. What is
 * being downloaded is recorded in {@code download/download.properties}, so that after a restart the same request
 * resumes where the partial file ends (an HTTP {@code Range} request) and a different one starts afresh.
 */
final class ImageDownloader {

    /** The downloaded image: its file, its size and its SHA-256 (hex), still to be checked against the request. */
    record Downloaded(Path file, long size, String sha256) {
    }

    private static final int BUFFER_BYTES = 1 << 20;
    private final Path folder;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final SpaceProbe space;

    ImageDownloader(Path folder, Duration connectTimeout, Duration readTimeout, SpaceProbe space) {
        this.folder = folder;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.space = space;
    }

    /**
     * @return the downloaded image, or {@code null} when a newer desired version superseded the download
     */
    Downloaded fetch(FirmwareRequest request, ApplyContext context) throws FirmwareFailure, InterruptedException {
        try {
            Path part = prepare(request);
            long have = Files.size(part);
            long free = space.usableBytes(folder);
            if (free < request.size() - have) {
                throw new FirmwareFailure(507, "not enough space for the image: " + (request.size() - have)
                        + " bytes needed, " + free + " free under " + folder);
            }
            MessageDigest digest = digestOf(part);
            if (have < request.size()) {
                have = transfer(request, part, have, digest, context);
                if (have < 0) {
                    return null;
                }
            }
            return new Downloaded(part, have, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new FirmwareFailure(500, "cannot keep the download under " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Forgets the partial download. */
    void discard() throws IOException {
        Files.deleteIfExists(folder.resolve("image.part"));
        Files.deleteIfExists(folder.resolve("download.properties"));
    }

    private Path prepare(FirmwareRequest request) throws IOException {
        Files.createDirectories(folder);
        Path part = folder.resolve("image.part");
        Path identityFile = folder.resolve("download.properties");
        Properties identity = new Properties();
        identity.setProperty("version", request.version());
        identity.setProperty("url", request.url().toString());
        identity.setProperty("sha256", request.sha256());
        identity.setProperty("size", Long.toString(request.size()));
        if (!identity.equals(AtomicFiles.read(identityFile)) || !Files.isRegularFile(part)
                || Files.size(part) > request.size()) {
            discard();
            AtomicFiles.write(identityFile, identity);
            Files.createFile(part);
        }
        return part;
    }

    private long transfer(FirmwareRequest request, Path part, long have, MessageDigest digest, ApplyContext context)
            throws FirmwareFailure, InterruptedException, IOException {
        try (ImageSource source = ImageSource.open(request.url(), have, connectTimeout, readTimeout);
                FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
            long position = source.offset();
            if (position != have) {
                digest.reset();
            }
            out.truncate(position);
            out.position(position);
            ProgressSteps progress = new ProgressSteps(context, request.size());
            progress.update(position);
            byte[] buffer = new byte[BUFFER_BYTES];
            while (position < request.size()) {
                if (context.isSuperseded()) {
                    return -1;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("download of " + request.version() + " interrupted");
                }
                int read = read(source.body(), buffer, (int) Math.min(buffer.length, request.size() - position),
                        position, request);
                write(out, buffer, read);
                digest.update(buffer, 0, read);
                position += read;
                progress.update(position);
            }
            checkNoMoreBytes(source.body(), request);
            out.force(true);
            return position;
        }
    }

    private static int read(InputStream in, byte[] buffer, int length, long position, FirmwareRequest request)
            throws FirmwareFailure {
        int read;
        try {
            read = in.read(buffer, 0, length);
        } catch (IOException e) {
            read = -1;
        }
        if (read < 0) {
            throw new FirmwareFailure(503, "download of " + request.version() + " interrupted after " + position
                    + " of " + request.size() + " bytes; the next attempt resumes from there");
        }
        return read;
    }

    /**
     * An interrupt (the agent cancels the update: time limit, newer version, stop) closes the channel; that is a
     * cancellation, not a storage failure, and is passed on as one with the interrupt flag kept.
     */
    private void write(FileChannel out, byte[] buffer, int length) throws FirmwareFailure, InterruptedException {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (ClosedByInterruptException e) {
            Thread.currentThread().interrupt();
            InterruptedException interrupted = new InterruptedException("download interrupted while writing the image"
                    + " under " + folder + "; the next attempt resumes from the bytes already written");
            interrupted.initCause(e);
            throw interrupted;
        } catch (IOException e) {
            throw new FirmwareFailure(507, "cannot write the image under " + folder + ": " + describe(e), e);
        }
    }

    /** @return the exception's message, or its kind when it has none (some NIO exceptions carry no message) */
    static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void checkNoMoreBytes(InputStream in, FirmwareRequest request) throws FirmwareFailure, IOException {
        int extra;
        try {
            extra = in.read();
        } catch (IOException e) {
            extra = -1;
        }
        if (extra >= 0) {
            discard();
            throw new FirmwareFailure(422, "the image at " + request.displayUrl() + " is larger than the declared size"
                    + " of " + request.size() + " bytes");
        }
    }

    private static MessageDigest digestOf(Path part) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(part)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return digest;
    }
}
