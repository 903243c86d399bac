package dev.moduleagent.localhub;

import com.google.gson.JsonParser;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Prints MQTT against AMQPS figures of the real SDK's ModuleClient on one hub in one run (not a test; nothing is
 * asserted). Each round measures both transports back to back, in alternating order, on the same X.509 module:
 * connect (open + subscribeToDesiredProperties + getTwin), then round trips of getTwin, reported PATCH and a direct
 * method (service API → module → service API). Medians per transport and the median of the paired differences.
 * Run (loopback 127.0.0.73; argument: rounds, default 15):
 * {@code mvn -B -ntp -q -pl local-hub test-compile exec:java -Dexec.mainClass=dev.moduleagent.localhub.TransportBenchmark -Dexec.classpathScope=test}
 */
public final class TransportBenchmark {

    private static final String HOST = "127.0.0.73";
    private static final String DEVICE = "bench-transports";
    private static final int WARM_UPS = 2;
    private static final int CALLS = 10;
    private static final List<IotHubClientProtocol> PROTOCOLS = List.of(IotHubClientProtocol.MQTT, IotHubClientProtocol.AMQPS);

    private enum Figure { CONNECT, GET_TWIN, REPORT, METHOD }

    private TransportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path dataDir = Files.createTempDirectory("local-hub-transport-benchmark");
        try (LocalHub hub = LocalHub.start(HubConfig.defaults(HOST, dataDir))) {
            ServiceClient service = hub.serviceClient();
            service.createDevice(DEVICE);
            TestIdentity identity = TestIdentity.selfSigned(DEVICE, "timed");
            service.createModuleWithThumbprint(DEVICE, "timed", identity.sha256(), null);
            Map<IotHubClientProtocol, Map<Figure, List<Double>>> samples = new EnumMap<>(IotHubClientProtocol.class);
            PROTOCOLS.forEach(p -> samples.put(p, new EnumMap<>(Figure.class)));
            for (int round = 0; round < rounds + WARM_UPS; round++) {
                List<IotHubClientProtocol> order = new ArrayList<>(PROTOCOLS);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (IotHubClientProtocol protocol : order) {
                    Map<Figure, Double> figures = measure(hub, service, identity, protocol);
                    if (round >= WARM_UPS) {
                        figures.forEach((f, ms) -> samples.get(protocol).computeIfAbsent(f, k -> new ArrayList<>()).add(ms));
                    }
                }
            }
            print(rounds, samples);
        } finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    /** One connection: its connect time, and the median of {@value #CALLS} calls of each round trip. */
    private static Map<Figure, Double> measure(LocalHub hub, ServiceClient service, TestIdentity identity,
        IotHubClientProtocol protocol) throws Exception {
        Map<Figure, Double> figures = new EnumMap<>(Figure.class);
        ModuleClient client = identity.moduleClient(hub, protocol);
        try {
            long start = System.nanoTime();
            client.open(false);
            client.subscribeToDesiredProperties((twin, context) -> { }, null);
            SdkCalls.getTwin(client);
            figures.put(Figure.CONNECT, millisSince(start));
            client.subscribeToMethods((name, payload, context) -> new DirectMethodResponse(200, null), null);
            List<Double> gets = new ArrayList<>();
            List<Double> reports = new ArrayList<>();
            List<Double> methods = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                start = System.nanoTime();
                SdkCalls.getTwin(client);
                gets.add(millisSince(start));
                TwinCollection patch = new TwinCollection();
                patch.put("i", i);
                start = System.nanoTime();
                SdkCalls.report(client, patch);
                reports.add(millisSince(start));
                start = System.nanoTime();
                service.invokeModuleMethod(DEVICE, "timed", "ping", JsonParser.parseString("{}"), 10);
                methods.add(millisSince(start));
            }
            figures.put(Figure.GET_TWIN, median(gets));
            figures.put(Figure.REPORT, median(reports));
            figures.put(Figure.METHOD, median(methods));
        } finally {
            client.close();
        }
        return figures;
    }

    private static void print(int rounds, Map<IotHubClientProtocol, Map<Figure, List<Double>>> samples) {
        System.out.printf("machine: %d cores, java %s; %d paired rounds after %d warm-ups, %d calls per round trip%n",
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), rounds, WARM_UPS, CALLS);
        System.out.printf("%-10s %12s %12s %22s%n", "figure", "MQTT ms", "AMQPS ms", "AMQPS-MQTT paired ms");
        for (Figure figure : Figure.values()) {
            List<Double> mqtt = samples.get(IotHubClientProtocol.MQTT).get(figure);
            List<Double> amqps = samples.get(IotHubClientProtocol.AMQPS).get(figure);
            List<Double> differences = new ArrayList<>();
            for (int i = 0; i < mqtt.size(); i++) {
                differences.add(amqps.get(i) - mqtt.get(i));
            }
            System.out.printf("%-10s %12.1f %12.1f %22.1f%n", figure, median(mqtt), median(amqps), median(differences));
        }
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
