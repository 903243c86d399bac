package dev.moduleagent.benchmark.internal;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The reference broker: mosquitto with a TLS listener that requires client certificates from the benchmark's CA, no
 * persistence, on its own loopback address. Only when {@code mosquitto} is on the PATH; the build never needs it.
 */
final class MosquittoProcess implements AutoCloseable {

    static final int PORT = 8883;
    private static final Duration START_DEADLINE = Duration.ofSeconds(30);

    private final Process process;

    private MosquittoProcess(Process process) {
        this.process = process;
    }

    /** @return the mosquitto executable on the PATH (or in /usr/sbin, where Debian puts it) */
    static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "mosquitto");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static MosquittoProcess start(Path executable, String address, Path dir, CertificateAuthority ca)
            throws BenchmarkException {
        try {
            Files.createDirectories(dir);
            KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
            Pem.writePrivateKey(dir.resolve("server.key.pem"), keys.getPrivate(), null, true);
            Pem.writeCertificates(dir.resolve("server.cert.pem"), List.of(ca.signServer(keys.getPublic(), address,
                    List.of(address), Duration.ofDays(2))), true);
            Pem.writeCertificates(dir.resolve("ca.pem"), List.of(ca.certificate()), true);
            Path config = dir.resolve("mosquitto.conf");
            Files.writeString(config, String.join("\n", "user root", "persistence false", "log_dest stderr",
                    "log_type error", "log_type warning", "max_keepalive 65535",
                    "listener " + PORT + " " + address, "cafile " + dir.resolve("ca.pem"),
                    "certfile " + dir.resolve("server.cert.pem"), "keyfile " + dir.resolve("server.key.pem"),
                    "require_certificate true", "use_identity_as_username true", ""));
            Process process = new ProcessBuilder(executable.toString(), "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
            awaitListening(process, address, dir.resolve("mosquitto.log"));
            return new MosquittoProcess(process);
        } catch (IOException | CertificateToolException e) {
            throw new BenchmarkException("cannot start mosquitto: " + e.getMessage(), e);
        }
    }

    private static void awaitListening(Process process, String address, Path log)
            throws IOException, BenchmarkException {
        long end = System.nanoTime() + START_DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new BenchmarkException("mosquitto stopped at start: " + Files.readString(log).strip());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, PORT), 500);
                return;
            } catch (IOException notYet) {
                Pause.briefly(Duration.ofMillis(50));
            }
        }
        process.destroyForcibly();
        throw new BenchmarkException("mosquitto did not listen on " + address + ":" + PORT + " within 30 s");
    }

    long rssKb() {
        return Rss.ofPid(process.pid());
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(10));
    }
}
