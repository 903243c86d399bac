package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent process's {@code /health} and {@code /metrics} while its hub (127.0.0.52) stops and comes back. */
class HealthIT extends AgentItSupport {

    private static final String HEALTH_ADDRESS = "127.0.0.53";
    private static final int HEALTH_PORT = 9600;

    @TempDir
    static Path hubDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startHub() throws Exception {
        startHub("127.0.0.52", hubDir.resolve("hub"));
    }

    @AfterAll
    static void closeHub() {
        stopHub();
    }

    @Test
    void healthIs200WhileConnected503WhileTheHubIsDownAnd200AgainAfter() throws Exception {
        AgentHome home = home("health");
        home.configure("health.port", Integer.toString(HEALTH_PORT));
        home.configure("health.address", HEALTH_ADDRESS);
        start(home);

        await("healthy once connected", "/health", response -> response.statusCode() == 200);
        String metrics = await("metrics", "/metrics", response -> response.statusCode() == 200).body();
        assertTrue(metrics.lines().anyMatch("moduleagent_connected 1.0"::equals), metrics);
        assertTrue(metrics.contains("jvm_memory_used_bytes"), metrics);

        hub.stop();
        String why = await("unhealthy while the hub is down", "/health", response -> response.statusCode() == 503)
                .body();
        assertTrue(why.startsWith("hub connection "), why);

        hub.start();
        await("healthy again", "/health", response -> response.statusCode() == 200);
        String after = get("/metrics").orElseThrow().body();
        assertTrue(after.lines().anyMatch(line -> line.startsWith("moduleagent_reconnects_total ")
                && !line.endsWith(" 0.0")), after);
        assertEquals("ok\n", get("/health").orElseThrow().body());
    }

    private HttpResponse<String> await(String what, String path, Predicate<HttpResponse<String>> condition)
            throws InterruptedException {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        Conditions.await(what, CONVERGE, () -> {
            try {
                Optional<HttpResponse<String>> response = get(path);
                response.ifPresent(last::set);
                return response.isPresent() && condition.test(response.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        return last.get();
    }

    private Optional<HttpResponse<String>> get(String path) throws InterruptedException {
        try {
            return Optional.of(http.send(HttpRequest.newBuilder(URI.create("http://" + HEALTH_ADDRESS + ":"
                    + HEALTH_PORT + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty(); // not listening yet
        }
    }
}
