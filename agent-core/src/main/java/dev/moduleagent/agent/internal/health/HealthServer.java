package dev.moduleagent.agent.internal.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /health} (200 {@code ok}, or 503 with one problem per line) and {@code GET /metrics} (Prometheus
 * text format) with the JDK's HTTP server on one thread; anything else is 404, other methods 405. Read-only: nothing
 * sent to it can change the agent.
 */
public final class HealthServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

    private final HttpServer server;
    private final ExecutorService thread;

    private HealthServer(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /**
     * @param settings where to listen
     * @param health the health view
     * @param metrics the metrics
     * @return the running server
     * @throws IOException when the address cannot be bound (the message names it)
     */
    public static HealthServer start(HealthSettings settings, HealthState health, AgentMetrics metrics)
            throws IOException {
        InetSocketAddress address = new InetSocketAddress(settings.address(), settings.port());
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new IOException("health.address/health.port " + settings.address() + ":" + settings.port()
                    + " cannot be bound: " + e.getMessage(), e);
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread created = new Thread(runnable, "agent-health");
            created.setDaemon(true);
            return created;
        });
        server.setExecutor(thread);
        server.createContext("/", exchange -> answer(exchange, health, metrics));
        server.start();
        LOG.info("health server listening address={} port={} paths=/health,/metrics", settings.address(),
                server.getAddress().getPort());
        return new HealthServer(server, thread);
    }

    /** @return the bound port */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }

    private static void answer(HttpExchange exchange, HealthState health, AgentMetrics metrics) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/health") && !path.equals("/metrics")) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found: use /health or /metrics\n");
            } else if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, "text/plain; charset=utf-8", "only GET\n");
            } else if (path.equals("/metrics")) {
                send(exchange, 200, AgentMetrics.contentType(), metrics.scrapeText());
            } else {
                List<String> problems = health.problems();
                send(exchange, problems.isEmpty() ? 200 : 503, "text/plain; charset=utf-8",
                        problems.isEmpty() ? "ok\n" : String.join("\n", problems) + "\n");
            }
        } catch (RuntimeException e) {
            LOG.warn("health request failed reason=\"{}\"", e.toString());
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
