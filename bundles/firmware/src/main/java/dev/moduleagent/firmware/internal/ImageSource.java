package dev.moduleagent.firmware.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The image's bytes from a given offset: an HTTP(S) GET with a {@code Range} header (a server that ignores it
 * restarts the transfer at 0), or a file opened at that position.
 */
final class ImageSource implements AutoCloseable {

    private final InputStream body;
    private final long offset;
    private final HttpURLConnection connection;

    private ImageSource(InputStream body, long offset, HttpURLConnection connection) {
        this.body = body;
        this.offset = offset;
        this.connection = connection;
    }

    static ImageSource open(URI url, long from, Duration connectTimeout, Duration readTimeout)
            throws FirmwareFailure {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("file") ? openFile(url, from) : openHttp(url, from, connectTimeout, readTimeout);
    }

    /** @return the offset in the image of the first byte of {@link #body()} */
    long offset() {
        return offset;
    }

    InputStream body() {
        return body;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // nothing left to read; the connection is dropped below
        }
        if (connection != null) {
            connection.disconnect();
        }
    }

    private static ImageSource openFile(URI url, long from) throws FirmwareFailure {
        Path file = Path.of(url);
        if (!Files.isRegularFile(file)) {
            throw new FirmwareFailure(404, "image not found: " + file);
        }
        try {
            FileChannel channel = FileChannel.open(file);
            if (from > channel.size()) {
                channel.close();
                throw new FirmwareFailure(422, "the image " + file + " is smaller than the partial download");
            }
            channel.position(from);
            return new ImageSource(Channels.newInputStream(channel), from, null);
        } catch (IOException e) {
            throw new FirmwareFailure(500, "cannot read the image " + file + ": " + e.getMessage(), e);
        }
    }

    private static ImageSource openHttp(URI url, long from, Duration connectTimeout, Duration readTimeout)
            throws FirmwareFailure {
        String where = FirmwareRequest.display(url);
        HttpURLConnection connection = null;
        try {
            URLConnection opened = url.toURL().openConnection();
            connection = (HttpURLConnection) opened;
            connection.setConnectTimeout((int) connectTimeout.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            connection.setUseCaches(false);
            connection.setRequestProperty("Connection", "close");
            connection.setRequestProperty("Accept-Encoding", "identity");
            if (from > 0) {
                connection.setRequestProperty("Range", "bytes=" + from + "-");
            }
            int status = connection.getResponseCode();
            long offset = offsetOf(status, connection.getHeaderField("Content-Range"), from, where);
            return new ImageSource(connection.getInputStream(), offset, connection);
        } catch (FirmwareFailure failure) {
            connection.disconnect();
            throw failure;
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect();
            }
            throw new FirmwareFailure(503, "cannot download from " + where + ": " + e.getMessage(), e);
        }
    }

    private static long offsetOf(int status, String contentRange, long from, String where) throws FirmwareFailure {
        if (status == HttpURLConnection.HTTP_OK) {
            return 0;
        }
        if (status == HttpURLConnection.HTTP_PARTIAL) {
            String expected = "bytes " + from + "-";
            if (contentRange == null || !contentRange.startsWith(expected)) {
                throw new FirmwareFailure(502, where + " resumed at the wrong offset: " + contentRange);
            }
            return from;
        }
        if (status == HttpURLConnection.HTTP_NOT_FOUND || status == HttpURLConnection.HTTP_GONE) {
            throw new FirmwareFailure(404, "image not found at " + where + " (HTTP " + status + ")");
        }
        if (status == 416) {
            throw new FirmwareFailure(422, "the image at " + where + " is smaller than the partial download");
        }
        throw new FirmwareFailure(502, "download from " + where + " failed with HTTP " + status);
    }
}
