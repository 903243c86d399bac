package dev.moduleagent.benchmark.internal;

import dev.moduleagent.localhub.ServiceClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The project's local hub as its own process ({@code local-hub serve}, as a user starts it), so that its resident
 * memory is its own and its CPU shows apart from the benchmark's clients.
 */
public final class HubProcess implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(300);

    private final Process process;
    private final ServiceClient service;
    private final Path caFile;
    private final String host;

    private HubProcess(Process process, ServiceClient service, Path caFile, String host) {
        this.process = process;
        this.service = service;
        this.caFile = caFile;
        this.host = host;
    }

    /**
     * Starts {@code <launcher> serve --bind <address> --data-dir <dataDir>} and waits for it to run.
     *
     * @param launcher local-hub's launcher script ({@code local-hub/target/local-hub})
     * @param address a loopback address; the hub listens on its port 8883
     * @param dataDir a new folder for the hub's data; its output goes to {@code hub.log} beside it
     * @return the running hub
     * @throws BenchmarkException when it does not start within 300 s (a loaded machine)
     */
    public static HubProcess start(Path launcher, String address, Path dataDir) throws BenchmarkException {
        if (!Files.isExecutable(launcher)) {
            throw new BenchmarkException(launcher + " is not there: build local-hub first (mvn -Pbench -pl benchmark -am "
                    + "verify does)");
        }
        Path log = dataDir.resolveSibling("hub.log");
        try {
            Files.createDirectories(dataDir);
            Process process = new ProcessBuilder(List.of(launcher.toString(), "serve", "--bind", address, "--data-dir",
                    dataDir.toString())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitRunning(process, log);
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(dataDir.resolve("hub.properties"))) {
                properties.load(in);
            }
            Path caFile = Path.of(properties.getProperty("caFile"));
            ServiceClient service = ServiceClient.connect(Files.readString(dataDir.resolve("owner.connection-string"))
                    .trim(), caFile, Integer.parseInt(properties.getProperty("servicePort")));
            return new HubProcess(process, service, caFile, address);
        } catch (IOException e) {
            throw new BenchmarkException("cannot start local-hub (see " + log + "): " + e.getMessage(), e);
        }
    }

    private static void awaitRunning(Process process, Path log) throws IOException, BenchmarkException {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new BenchmarkException("local-hub stopped at start: " + Files.readString(log).strip());
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(Files.newInputStream(log),
                    StandardCharsets.UTF_8))) {
                if (lines.lines().anyMatch(line -> line.contains("module connection string"))) {
                    return;
                }
            }
            Pause.briefly(Duration.ofMillis(50));
        }
        process.destroyForcibly();
        throw new BenchmarkException("local-hub did not start within " + START_DEADLINE.toSeconds() + " s (see " + log
                + ")");
    }

    /** @return an owner-authenticated client of the hub's service API */
    public ServiceClient service() {
        return service;
    }

    /** @return the hub's CA certificate (PEM), what clients trust */
    public Path caFile() {
        return caFile;
    }

    /** @return the host name devices use */
    public String host() {
        return host;
    }

    /** @return the hub's resident memory in kB */
    public long rssKb() {
        return Rss.ofPid(process.pid());
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(30));
    }
}
