package dev.moduleagent.localhub;

import com.microsoft.azure.sdk.iot.device.ModuleClient;
import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.Pem;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prints two figures of a hub on this machine (not a test; nothing is asserted):
 * <ol>
 *   <li>connect-to-first-twin with the real SDK: open + subscribeToDesiredProperties + getTwin, median of 20 connects;</li>
 *   <li>how many concurrent module connections one hub holds, with a bare MQTT client (the SDK needs several threads
 *       per client), raised in steps up to a bound, each step checked with a twin GET on a sample of connections.</li>
 * </ol>
 * Run: {@code mvn -B -ntp -q -pl local-hub test-compile exec:java -Dexec.mainClass=dev.moduleagent.localhub.HubBenchmark -Dexec.classpathScope=test}
 * (optional argument: the connection bound, default 2000). Uses loopback 127.0.0.19.
 */
public final class HubBenchmark {

    private static final String HOST = "127.0.0.19";
    private static final int CONNECTS = 20;
    private static final int STEP = 250;

    private HubBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int bound = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dataDir = Files.createTempDirectory("local-hub-benchmark");
        try (LocalHub hub = LocalHub.start(HubConfig.defaults(HOST, dataDir))) {
            System.out.printf("machine: %d cores, max heap %d MB, java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
            connectToFirstTwin(hub);
            concurrentConnections(hub, bound);
        } finally {
            delete(dataDir);
        }
        System.exit(0);
    }

    private static void connectToFirstTwin(LocalHub hub) throws Exception {
        ServiceClient service = hub.serviceClient();
        service.createDevice("bench-sdk");
        TestIdentity identity = TestIdentity.selfSigned("bench-sdk", "timed");
        service.createModuleWithThumbprint("bench-sdk", "timed", identity.sha256(), null);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < CONNECTS + 2; i++) {
            ModuleClient client = identity.moduleClient(hub);
            long start = System.nanoTime();
            try {
                client.open(false);
                client.subscribeToDesiredProperties((twin, context) -> { }, null);
                SdkCalls.getTwin(client);
                if (i >= 2) {
                    millis.add((System.nanoTime() - start) / 1e6);
                }
            } finally {
                client.close();
            }
        }
        Collections.sort(millis);
        System.out.printf("SDK connect-to-first-twin (open + subscribeToDesiredProperties + getTwin, %d connects after 2 warm-ups):"
            + " median %.0f ms, min %.0f ms, p90 %.0f ms, max %.0f ms%n", millis.size(), percentile(millis, 50),
            millis.get(0), percentile(millis, 90), millis.get(millis.size() - 1));
    }

    private static void concurrentConnections(LocalHub hub, int bound) throws Exception {
        ServiceClient service = hub.serviceClient();
        CertificateAuthority ca = CertificateAuthority.createRoot("Benchmark CA", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        String code = service.uploadCa("bench", Pem.toPem(ca.certificate())).getAsJsonObject("properties").get("verificationCode").getAsString();
        service.verifyCa("bench", Pem.toPem(ca.verificationCertificate(code, Duration.ofDays(1))));
        EventLoopGroup group = new NioEventLoopGroup(2);
        List<RawMqttClient> clients = new ArrayList<>();
        try {
            for (int target = STEP; target <= bound; target += STEP) {
                long start = System.nanoTime();
                int failed = open(hub, ca, group, clients, target);
                double seconds = (System.nanoTime() - start) / 1e9;
                long open = clients.stream().filter(RawMqttClient::isOpen).count();
                int answered = sampleTwinGets(clients);
                Runtime rt = Runtime.getRuntime();
                System.out.printf("connections: %d open (%d refused or failed in this step, %.1f s to open %d), %d/10 sampled twin GETs answered,"
                    + " heap used %d MB (hub and clients share the JVM)%n", open, failed, seconds, STEP, answered,
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
                if (failed > 0 || open < target || answered < 10) {
                    System.out.println("stopping: the hub no longer held every connection");
                    break;
                }
            }
        } finally {
            clients.forEach(RawMqttClient::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    /** Registers modules (20 per device) and connects them until {@code target} clients exist; returns the failures. */
    private static int open(LocalHub hub, CertificateAuthority ca, EventLoopGroup group, List<RawMqttClient> clients, int target) throws Exception {
        ServiceClient service = hub.serviceClient();
        int failed = 0;
        while (clients.size() < target) {
            int n = clients.size();
            String device = "bench-" + (n / 20);
            if (n % 20 == 0) {
                service.createDevice(device);
            }
            String module = "m" + (n % 20);
            service.createModuleWithCa(device, module);
            TestIdentity identity = TestIdentity.issuedBy(ca, device, module, Duration.ofDays(1));
            RawMqttClient client = RawMqttClient.open(group, hub, identity);
            if (client.connect(device + "/" + module, hub.hostName(), 1000, io.netty.handler.codec.mqtt.MqttVersion.MQTT_3_1_1)
                != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                failed++;
            }
            clients.add(client);
        }
        return failed;
    }

    private static int sampleTwinGets(List<RawMqttClient> clients) throws InterruptedException {
        int answered = 0;
        for (int i = 0; i < 10; i++) {
            RawMqttClient client = clients.get(i * clients.size() / 10);
            client.publish("$iothub/twin/GET/?$rid=s" + i, "");
            String rid = "$rid=s" + i;
            if (client.next(Duration.ofSeconds(10), m -> m.type() == MqttMessageType.PUBLISH && m.topic().endsWith(rid)) != null) {
                answered++;
            }
        }
        return answered;
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void delete(Path folder) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
