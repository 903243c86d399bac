package dev.moduleagent.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.health.HealthServer;
import dev.moduleagent.agent.internal.health.HealthSettings;
import dev.moduleagent.agent.internal.hub.ChannelStatus;
import dev.moduleagent.agent.internal.testing.Await;
import dev.moduleagent.agent.internal.testing.FakeHub;
import dev.moduleagent.agent.internal.testing.TestAgents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /health} and {@code /metrics} of a running agent, read over HTTP as a supervisor or Prometheus would. */
class AgentHealthTest {

    @TempDir
    Path dataDir;
    private final FakeHub hub = new FakeHub();
    private final HttpClient http = HttpClient.newHttpClient();
    private Agent agent;
    private HealthServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void healthTurns503WhileTheHubIsGoneAndBackTo200() throws Exception {
        agent = TestAgents.start(hub, dataDir);
        server = HealthServer.start(new HealthSettings("127.0.0.1", 0), agent.health(), agent.metrics());

        Await.until("healthy once connected", () -> get("/health").statusCode() == 200);
        assertEquals("ok\n", get("/health").body());
        assertTrue(get("/metrics").body().lines().anyMatch("moduleagent_connected 1.0"::equals));

        hub.reachable(false);
        hub.current().status(ChannelStatus.DISCONNECTED, "NO_NETWORK");
        Await.until("unhealthy while the hub is gone", () -> get("/health").statusCode() == 503);
        assertTrue(get("/health").body().startsWith("hub connection "), get("/health").body());
        assertTrue(get("/metrics").body().lines().anyMatch("moduleagent_connected 0.0"::equals));

        hub.reachable(true);
        Await.until("healthy again after the reconnect", () -> get("/health").statusCode() == 200);
        assertTrue(get("/metrics").body().lines().anyMatch("moduleagent_reconnects_total 1.0"::equals),
                get("/metrics").body());
    }

    @Test
    void onlyGetOnHealthAndMetricsIsAnswered() throws Exception {
        agent = TestAgents.start(hub, dataDir);
        server = HealthServer.start(new HealthSettings("127.0.0.1", 0), agent.health(), agent.metrics());

        assertEquals(404, get("/").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
