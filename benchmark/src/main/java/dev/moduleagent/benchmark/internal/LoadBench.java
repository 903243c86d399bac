package dev.moduleagent.benchmark.internal;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLException;

/**
 * The local hub under many clients, against mosquitto with the same clients: connection ramp, resident memory with N
 * clients, reported PATCH ops/s with N clients, twin GET ops/s with 2N clients (for mosquitto both are QoS 1
 * publish → PUBACK, the work a broker does for one acknowledged message).
 */
public final class LoadBench {

    private static final int DEVICES_MODULES = 50;
    private static final int PARALLEL_HANDSHAKES = 16;
    private static final int WARM_UP_CLIENTS = 20;
    private static final int REGISTRATION_THREADS = 8;
    private static final Duration WARM_UP = Duration.ofSeconds(1);

    private final int clients;
    private final Duration window;
    private final List<LoadDriver.ClientSpec> hubClients = new ArrayList<>();
    private final List<LoadDriver.ClientSpec> brokerClients = new ArrayList<>();

    private LoadBench(int clients, Duration window) {
        this.clients = clients;
        this.window = window;
    }

    /**
     * One round's figures for one server.
     *
     * @param rampPerSecond connections per second over the ramp of N clients
     * @param rssMb the server's resident memory with N clients after the PATCH window
     * @param patchPerSecond reported patches (or publishes) per second with N clients
     * @param getPerSecond twin GETs (or publishes) per second with 2N clients
     * @param problems failed connections or operations, or ""
     */
    public record LoadRound(double rampPerSecond, double rssMb, double patchPerSecond, double getPerSecond,
            String problems) {
    }

    /**
     * Registers 2N modules in the hub (devices of 50 modules, IoT Hub's quota) with certificates from the run's CA
     * that share one key, and prepares their TLS contexts (trusting the hub's and the run's CA).
     */
    public static LoadBench prepare(HubProcess hub, Identities identities, int clients, Duration window)
            throws BenchmarkException {
        LoadBench bench = new LoadBench(clients, window);
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        List<X509Certificate> trust = new ArrayList<>();
        try {
            trust.addAll(Pem.readCertificates(hub.caFile()));
        } catch (CertificateToolException e) {
            throw new BenchmarkException("cannot read the hub's CA: " + e.getMessage(), e);
        }
        trust.add(identities.ca().certificate());
        for (int device = 0; device * DEVICES_MODULES < 2 * clients; device++) {
            identities.createDevice(deviceId(device * DEVICES_MODULES));
        }
        ExecutorService workers = Executors.newFixedThreadPool(REGISTRATION_THREADS);
        try {
            List<Future<SslContext>> contexts = new ArrayList<>();
            for (int i = 0; i < 2 * clients; i++) {
                int index = i;
                contexts.add(workers.submit(() -> client(identities, keys, trust, index)));
            }
            for (int i = 0; i < 2 * clients; i++) {
                SslContext ssl = contexts.get(i).get();
                String clientId = deviceId(i) + "/" + moduleId(i);
                bench.hubClients.add(new LoadDriver.ClientSpec(clientId, hub.host() + "/" + clientId
                        + "/?api-version=2020-09-30", ssl));
                bench.brokerClients.add(new LoadDriver.ClientSpec(clientId, null, ssl));
            }
        } catch (ExecutionException e) {
            throw new BenchmarkException("cannot make the load clients' identities: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted", e);
        } finally {
            workers.shutdownNow();
        }
        return bench;
    }

    /** Registers load client {@code index} and makes its TLS context (its certificate shares the one key). */
    private static SslContext client(Identities identities, KeyPair keys, List<X509Certificate> trust, int index)
            throws BenchmarkException, CertificateToolException, SSLException {
        identities.registerModule(deviceId(index), moduleId(index));
        return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).keyManager(keys.getPrivate(),
                identities.leaf(keys, deviceId(index), moduleId(index)), identities.ca().certificate())
                .trustManager(trust).build();
    }

    private static String deviceId(int index) {
        return String.format("load-%03d", index / DEVICES_MODULES);
    }

    private static String moduleId(int index) {
        return String.format("m%05d", index);
    }

    /**
     * A few clients connect and work for a second, unmeasured, so that the first measured round does not pay for the
     * JIT of the clients' TLS and MQTT code (nor the server's).
     */
    public void warmUp(String address, boolean hub) throws BenchmarkException {
        List<LoadDriver.ClientSpec> specs = (hub ? hubClients : brokerClients).subList(0, Math.min(clients,
                WARM_UP_CLIENTS));
        try (LoadDriver driver = new LoadDriver(address, 8883)) {
            driver.connect(specs, PARALLEL_HANDSHAKES);
            if (hub) {
                driver.subscribeTwinResponses();
            }
            driver.measure(hub ? LoadOp.TWIN_PATCH : LoadOp.PUBLISH, Duration.ZERO, Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted", e);
        }
    }

    /** One round against the hub. */
    public LoadRound hub(HubProcess hub) throws BenchmarkException {
        return round(hub.host(), hubClients, true, hub::rssKb);
    }

    /** One round against mosquitto. */
    LoadRound broker(String address, MosquittoProcess broker) throws BenchmarkException {
        return round(address, brokerClients, false, broker::rssKb);
    }

    private LoadRound round(String address, List<LoadDriver.ClientSpec> specs, boolean twin,
            java.util.function.LongSupplier rssKb) throws BenchmarkException {
        try (LoadDriver driver = new LoadDriver(address, 8883)) {
            LoadDriver.Ramp ramp = driver.connect(specs.subList(0, clients), PARALLEL_HANDSHAKES);
            if (twin) {
                driver.subscribeTwinResponses();
            }
            LoadMeter patch = driver.measure(twin ? LoadOp.TWIN_PATCH : LoadOp.PUBLISH, WARM_UP, window);
            double rssMb = rssKb.getAsLong() / 1024.0;
            LoadDriver.Ramp more = driver.connect(specs.subList(clients, 2 * clients), PARALLEL_HANDSHAKES);
            if (twin) {
                driver.subscribeTwinResponses();
            }
            LoadMeter get = driver.measure(twin ? LoadOp.TWIN_GET : LoadOp.PUBLISH, WARM_UP, window);
            return new LoadRound(ramp.perSecond(), rssMb, patch.perSecond(), get.perSecond(),
                    problems(ramp, more, patch, get));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted", e);
        }
    }

    private static String problems(LoadDriver.Ramp ramp, LoadDriver.Ramp more, LoadMeter patch, LoadMeter get) {
        List<String> problems = new ArrayList<>();
        if (ramp.failed() + more.failed() > 0) {
            problems.add((ramp.failed() + more.failed()) + " connections failed (first: " + (ramp.firstError().isEmpty()
                    ? more.firstError() : ramp.firstError()) + ")");
        }
        if (patch.failures() + get.failures() > 0) {
            problems.add((patch.failures() + get.failures()) + " operations answered with an error status");
        }
        return String.join("; ", problems);
    }
}
