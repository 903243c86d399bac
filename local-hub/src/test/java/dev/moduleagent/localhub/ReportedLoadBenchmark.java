package dev.moduleagent.localhub;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.Pem;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Prints how many reported PATCHes per second one hub answers while many MQTT clients send them at once, each client
 * waiting for its answer before sending the next (as the SDK's synchronous call does). Not a test; nothing is
 * asserted. One line of output: {@code reported-patch-ops/s <n>}.
 * Run (inside a private network namespace; uses 127.0.0.19):
 * {@code java -cp <local-hub test class path> dev.moduleagent.localhub.ReportedLoadBenchmark [clients] [seconds] [commit|fsync]}.
 */
public final class ReportedLoadBenchmark {

    private static final String HOST = "127.0.0.19";
    private static final int MODULES_PER_DEVICE = 20;

    private ReportedLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        HubConfig config = HubConfig.defaults(HOST, Files.createTempDirectory("local-hub-load"));
        if (args.length > 2) {
            config = config.withDurability(Durability.valueOf(args[2].toUpperCase(java.util.Locale.ROOT)));
        }
        EventLoopGroup group = new NioEventLoopGroup(2);
        List<RawMqttClient> connections = new ArrayList<>();
        try (LocalHub hub = LocalHub.start(config)) {
            connect(hub, group, connections, clients);
            run(connections, Duration.ofSeconds(2));
            long answered = run(connections, Duration.ofSeconds(seconds));
            System.out.printf("reported-patch-ops/s %.0f%n", answered / (double) seconds);
        } finally {
            connections.forEach(RawMqttClient::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            delete(config.dataDir());
        }
        System.exit(0);
    }

    private static void connect(LocalHub hub, EventLoopGroup group, List<RawMqttClient> connections, int count)
            throws Exception {
        ServiceClient service = hub.serviceClient();
        CertificateAuthority ca = CertificateAuthority.createRoot("Load CA", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        String code = service.uploadCa("load", Pem.toPem(ca.certificate())).getAsJsonObject("properties")
            .get("verificationCode").getAsString();
        service.verifyCa("load", Pem.toPem(ca.verificationCertificate(code, Duration.ofDays(1))));
        for (int n = 0; n < count; n++) {
            String device = "load-" + (n / MODULES_PER_DEVICE);
            if (n % MODULES_PER_DEVICE == 0) {
                service.createDevice(device);
            }
            String module = "m" + (n % MODULES_PER_DEVICE);
            service.createModuleWithCa(device, module);
            RawMqttClient client = RawMqttClient.open(group, hub, TestIdentity.issuedBy(ca, device, module, Duration.ofDays(1)));
            if (client.connect(device + "/" + module, hub.hostName(), 600, MqttVersion.MQTT_3_1_1)
                != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                throw new IllegalStateException("connection refused: " + device + "/" + module);
            }
            client.subscribe(1, "$iothub/twin/res/#");
            if (client.next(Duration.ofSeconds(10), m -> m.type() == MqttMessageType.SUBACK) == null) {
                throw new IllegalStateException("no SUBACK for " + device + "/" + module);
            }
            connections.add(client);
        }
    }

    /** Every client sends patches one after the other until the time is up; returns how many were answered 204. */
    private static long run(List<RawMqttClient> connections, Duration length) throws InterruptedException {
        AtomicLong answered = new AtomicLong();
        long deadline = System.nanoTime() + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            RawMqttClient client = connections.get(i);
            int index = i;
            Thread thread = new Thread(() -> patchUntil(client, index, deadline, answered), "load-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return answered.get();
    }

    private static void patchUntil(RawMqttClient client, int index, long deadline, AtomicLong answered) {
        long n = 0;
        try {
            while (System.nanoTime() < deadline) {
                String rid = "p" + index + "x" + n++;
                byte[] body = ("{\"counter\":" + n + ",\"client\":" + index + "}").getBytes(StandardCharsets.UTF_8);
                client.publish("$iothub/twin/PATCH/properties/reported/?$rid=" + rid, body, MqttQoS.AT_MOST_ONCE, 0);
                RawMqttClient.Inbound answer = client.next(Duration.ofSeconds(30),
                    m -> m.type() == MqttMessageType.PUBLISH && m.topic().contains("$rid=" + rid + "&"));
                if (answer == null || !answer.topic().startsWith("$iothub/twin/res/204/")) {
                    throw new IllegalStateException("patch not answered 204: " + (answer == null ? "timeout" : answer.topic()));
                }
                if (System.nanoTime() < deadline) {
                    answered.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path folder) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
