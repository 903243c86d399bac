package dev.moduleagent.firmware.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP server for firmware images: serves byte ranges, and on request cuts a body short once, holds a
 * body half-way until released, or sends more bytes than the image has. Records every Range header it receives.
 */
final class ImageServer implements AutoCloseable {

    enum Behaviour { NORMAL, CUT_ONCE, HOLD, OVERSIZE }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, byte[]> images = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int requests;

    ImageServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static byte[] randomImage(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    URI serve(String path, byte[] image, Behaviour behaviour) {
        images.put(path, image);
        behaviours.put(path, behaviour);
        return url(path);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<String> ranges() {
        return List.copyOf(ranges);
    }

    int requests() {
        return requests;
    }

    /** @return whether a held body reached its half-way point within the deadline */
    boolean awaitHeld(long seconds) throws InterruptedException {
        return held.await(seconds, TimeUnit.SECONDS);
    }

    void releaseHeld() {
        release.countDown();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests++;
        String path = exchange.getRequestURI().getPath();
        byte[] image = images.get(path);
        if (image == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        String range = exchange.getRequestHeaders().getFirst("Range");
        int from = 0;
        if (range != null) {
            ranges.add(range);
            from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (image.length - 1) + "/"
                    + image.length);
        }
        Behaviour behaviour = behaviours.get(path);
        if (behaviour == Behaviour.CUT_ONCE) {
            behaviours.put(path, Behaviour.NORMAL);
        }
        send(exchange, image, from, range != null ? 206 : 200, behaviour);
    }

    private void send(HttpExchange exchange, byte[] image, int from, int status, Behaviour behaviour)
            throws IOException {
        int extra = behaviour == Behaviour.OVERSIZE ? 4096 : 0;
        int length = image.length - from + extra;
        exchange.sendResponseHeaders(status, length);
        OutputStream body = exchange.getResponseBody();
        int half = from + (image.length - from) / 2;
        try {
            switch (behaviour) {
                case CUT_ONCE -> body.write(image, from, half - from);
                case HOLD -> {
                    body.write(image, from, half - from);
                    body.flush();
                    held.countDown();
                    release.await(30, TimeUnit.SECONDS);
                    body.write(image, half, image.length - half);
                }
                case OVERSIZE -> {
                    body.write(image, from, image.length - from);
                    body.write(new byte[extra]);
                }
                default -> body.write(image, from, image.length - from);
            }
            body.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (superseded or timed out): nothing to finish
        } finally {
            exchange.close();
        }
    }
}
