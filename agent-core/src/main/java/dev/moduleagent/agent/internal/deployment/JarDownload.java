package dev.moduleagent.agent.internal.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.IntConsumer;
import javax.net.ssl.SSLContext;

/**
 * Fetches a plug-in jar into {@code <folder>/download.part}, resuming a partial download of the same jar with an HTTP
 * range request, never writing more than the size limit, then checks its SHA-256. The part file names the hash it
 * belongs to in {@code download.sha256}; a part of another jar is started afresh.
 */
final class JarDownload {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final HttpClient http;
    private final long maxBytes;

    /**
     * @param maxBytes the largest jar fetched
     * @param proxy the proxy for http(s) downloads, or {@code null} for the JVM's default selector
     */
    JarDownload(long maxBytes, ProxySelector proxy) {
        this(maxBytes, proxy, null);
    }

    /** @param tls the TLS context for https, or {@code null} for the JDK's default (its trusted roots) */
    JarDownload(long maxBytes, ProxySelector proxy, SSLContext tls) {
        this.maxBytes = maxBytes;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (proxy != null) {
            builder.proxy(proxy); // else the JVM's default selector (the http(s).proxyHost system properties)
        }
        this.http = (tls == null ? builder : builder.sslContext(tls)).build();
    }

    /**
     * @param spec what to fetch
     * @param folder the plug-in's own folder
     * @param percent receives progress (0..100) now and then
     * @return the downloaded jar, whose SHA-256 matches
     * @throws DeploymentFailure 4xx (not found, too large, hash mismatch) or 503 (network; the part is kept)
     * @throws InterruptedException when the agent stops
     */
    Path fetch(PluginSpec spec, Path folder, IntConsumer percent) throws DeploymentFailure, InterruptedException {
        Path part = folder.resolve("download.part");
        Path owner = folder.resolve("download.sha256");
        try {
            Files.createDirectories(folder);
            if (!Files.exists(owner) || !Files.readString(owner, StandardCharsets.US_ASCII).equals(spec.sha256())) {
                Files.deleteIfExists(part);
                Files.writeString(owner, spec.sha256(), StandardCharsets.US_ASCII);
            }
            if (Files.exists(part) && Files.size(part) > 0 && sha256(part).equals(spec.sha256())) {
                return part; // whole already (the agent stopped after the download): a range from its end is a 416
            }
            if ("file".equalsIgnoreCase(spec.url().getScheme())) {
                copyFile(Path.of(spec.url()), part);
            } else {
                fetchHttp(spec, part, percent);
            }
            String actual = sha256(part);
            if (!actual.equals(spec.sha256())) {
                Files.deleteIfExists(part);
                throw new DeploymentFailure(422, "sha256 mismatch: declared " + spec.sha256() + ", downloaded " + actual);
            }
            return part;
        } catch (IOException e) {
            throw new DeploymentFailure(503, "download of " + display(spec) + " failed: " + e.getMessage()
                    + " (a retry resumes)", e);
        }
    }

    private void copyFile(Path source, Path part) throws IOException, DeploymentFailure {
        if (!Files.isRegularFile(source)) {
            throw new DeploymentFailure(404, "no file " + source);
        }
        if (Files.size(source) > maxBytes) {
            throw new DeploymentFailure(413, source + " has more than " + maxBytes + " bytes");
        }
        Files.copy(source, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void fetchHttp(PluginSpec spec, Path part, IntConsumer percent)
            throws IOException, InterruptedException, DeploymentFailure {
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(spec.url()).timeout(READ_TIMEOUT).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 404 || status == 410) {
                throw new DeploymentFailure(404, display(spec) + " answered " + status);
            }
            if (status != 200 && status != 206) {
                throw new IOException(display(spec) + " answered " + status);
            }
            boolean append = status == 206 && have > 0;
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1) + (append ? have : 0);
            if (total > maxBytes) {
                throw new DeploymentFailure(413, display(spec) + " has " + total + " bytes, more than " + maxBytes);
            }
            copy(body, part, append ? have : 0, total, percent, spec);
        }
    }

    private void copy(InputStream body, Path part, long start, long total, IntConsumer percent, PluginSpec spec)
            throws IOException, DeploymentFailure {
        StandardOpenOption mode = start > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            byte[] buffer = new byte[64 * 1024];
            long written = start;
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                written += n;
                if (written > maxBytes) {
                    throw new DeploymentFailure(413, display(spec) + " is larger than " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
                if (total > 0) {
                    percent.accept((int) (written * 100 / total));
                }
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the URL without its query (it may carry a token) */
    static String display(PluginSpec spec) {
        var url = spec.url();
        return url.getScheme() + "://" + (url.getRawAuthority() == null ? "" : url.getRawAuthority()) + url.getRawPath();
    }
}
