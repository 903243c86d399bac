package dev.moduleagent.runtime.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A firmware image server for the end-to-end tests: serves one image over HTTP (or https) on a loopback address,
 * honours {@code Range: bytes=N-} (416 from the end on), records the ranges asked for, and can be told to stop
 * sending after some bytes and hold
 * the connection open, the way a link that dies mid-download looks to the downloader.
 */
final class ImageServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final List<Long> requestedOffsets = new CopyOnWriteArrayList<>();
    private final AtomicLong stallAt = new AtomicLong(-1);
    private final AtomicLong bytesSent = new AtomicLong();
    private final CountDownLatch release = new CountDownLatch(1);
    private final String scheme;
    private volatile byte[] image = new byte[0];

    ImageServer(String address) throws IOException {
        this(address, null);
    }

    /** @param tls serve https with this context, or http when {@code null} */
    ImageServer(String address, SSLContext tls) throws IOException {
        InetSocketAddress bind = new InetSocketAddress(address, 0);
        if (tls == null) {
            server = HttpServer.create(bind, 0);
        } else {
            HttpsServer https = HttpsServer.create(bind, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        scheme = tls == null ? "http" : "https";
        server.createContext("/image.bin", this::serve);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** @return the image's URL */
    URI publish(byte[] content) {
        image = content.clone();
        return URI.create(scheme + "://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                + "/image.bin");
    }

    /**
     * From now on, no response sends image bytes at or beyond this offset: it stops there and holds the connection
     * open until {@link #close()}, whatever range was asked for.
     */
    void stallAt(long offset) {
        stallAt.set(offset);
    }

    /** Serves whole bodies again. */
    void serveNormally() {
        stallAt.set(-1);
    }

    /** @return the start offset of every request so far (0 without a {@code Range} header) */
    List<Long> requestedOffsets() {
        return List.copyOf(requestedOffsets);
    }

    /** @return the body bytes written so far, over all requests */
    long bytesSent() {
        return bytesSent.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] content = image;
        long offset = 0;
        String range = exchange.getRequestHeaders().getFirst("Range");
        Matcher matcher = range == null ? null : RANGE.matcher(range);
        if (matcher != null && matcher.matches()) {
            offset = Long.parseLong(matcher.group(1));
        }
        requestedOffsets.add(offset);
        if (offset >= content.length && offset > 0) { // as web servers answer a range from the end on (RFC 9110)
            exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
            exchange.sendResponseHeaders(416, -1);
            exchange.close();
            return;
        }
        int length = content.length - (int) offset;
        if (offset > 0) {
            exchange.getResponseHeaders().add("Content-Range",
                    "bytes " + offset + "-" + (content.length - 1) + "/" + content.length);
        }
        exchange.sendResponseHeaders(offset > 0 ? 206 : 200, length);
        long stall = stallAt.get();
        try (OutputStream body = exchange.getResponseBody()) {
            int toSend = stall >= 0 ? (int) Math.max(0, Math.min(length, stall - offset)) : length;
            for (int at = 0; at < toSend; at += 64 * 1024) {
                int chunk = Math.min(64 * 1024, toSend - at);
                body.write(content, (int) offset + at, chunk);
                body.flush();
                bytesSent.addAndGet(chunk);
            }
            if (toSend < length) {
                release.await(2, TimeUnit.MINUTES); // held open until close() (or two minutes)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away mid-body: what the interrupted-download test makes happen
        }
    }

    static byte[] randomImage(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
