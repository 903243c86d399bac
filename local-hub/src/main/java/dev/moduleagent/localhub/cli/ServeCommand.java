package dev.moduleagent.localhub.cli;

import dev.moduleagent.localhub.Durability;
import dev.moduleagent.localhub.EstConfig;
import dev.moduleagent.localhub.HubConfig;
import dev.moduleagent.localhub.LocalHub;
import dev.moduleagent.localhub.internal.HubFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code local-hub serve}: runs the hub until the process is stopped (Ctrl-C, SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the hub: MQTT/TLS for devices and modules, the HTTPS service API, data in --data-dir.")
final class ServeCommand implements Callable<Integer> {

    private static volatile boolean ran;

    @Spec
    private CommandSpec spec;

    @Option(names = "--bind", defaultValue = "127.0.0.2", paramLabel = "IP",
            description = "Address to listen on; also the HostName of device connection strings (must contain a '.'; default ${DEFAULT-VALUE}).")
    private String bind;

    @Option(names = "--data-dir", defaultValue = HubOptions.DEFAULT_DATA_DIR, paramLabel = "DIR",
            description = "Folder for the database, the hub CA and the owner connection string (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--mqtt-port", defaultValue = "8883", paramLabel = "PORT", description = "MQTT/TLS port; the SDK always uses 8883.")
    private int mqttPort;

    @Option(names = "--amqp-port", defaultValue = "5671", paramLabel = "PORT",
            description = "AMQP 1.0 over TLS port (the SDK's AMQPS, always 5671); 0 = off (default ${DEFAULT-VALUE}).")
    private int amqpPort;

    @Option(names = "--service-port", paramLabel = "PORT",
            description = "HTTPS port of the service API and of MQTT and AMQP over WebSockets (/$iothub/websocket), as IoT Hub's 443;"
                + " default 443, or 8443 when 443 cannot be bound.")
    private Integer servicePort;

    @Option(names = "--websocket-port", defaultValue = "0", paramLabel = "PORT",
            description = "A further HTTPS port with the same routing (REST, MQTT and AMQP over WebSockets); 0 = none (default).")
    private int webSocketPort;

    @Option(names = "--max-modules", defaultValue = "50", paramLabel = "N",
            description = "Modules per device (default ${DEFAULT-VALUE}, IoT Hub's quota; 20 is the seed documents' figure).")
    private int maxModules;

    @Option(names = "--header-timeout", defaultValue = "20", paramLabel = "SECONDS",
            description = "Service API: a request's line and headers must arrive within this many seconds of its first byte, else 408 (default ${DEFAULT-VALUE}).")
    private long headerTimeoutSeconds;

    @Option(names = "--idle-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "Service API: a connection without a request in progress is closed after this many seconds (default ${DEFAULT-VALUE}).")
    private long idleTimeoutSeconds;

    @Option(names = "--durability", defaultValue = "commit", paramLabel = "MODE", converter = DurabilityConverter.class,
            description = "When a change is answered: 'commit' (written to the database file; survives a kill) or 'fsync'"
                + " (also forced to the disk, once per group of changes; survives a power loss) (default ${DEFAULT-VALUE}).")
    private Durability durability;

    @Option(names = "--est-port", defaultValue = "0", paramLabel = "PORT",
            description = "EST server (RFC 7030, https://HOST:PORT/.well-known/est) issuing module certificates; 0 = off (default).")
    private int estPort;

    @Option(names = "--est-validity", defaultValue = "30d", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Validity of certificates the EST server issues, e.g. 10m, 12h, 30d (default ${DEFAULT-VALUE}).")
    private Duration estValidity;

    /** Whether a serve command ran to its end (then the JVM is already shutting down). */
    static boolean ran() {
        return ran;
    }

    private HubConfig config() {
        HubConfig.ServiceTimeouts timeouts;
        try {
            timeouts = new HubConfig.ServiceTimeouts(Duration.ofSeconds(headerTimeoutSeconds), Duration.ofSeconds(idleTimeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        HubConfig config = new HubConfig(bind, mqttPort, HubConfig.DEFAULT_SERVICE_PORT, dataDir, maxModules, webSocketPort,
            HubConfig.FALLBACK_SERVICE_PORT, timeouts).withAmqpPort(amqpPort).withDurability(durability);
        return servicePort == null ? config : config.withServicePort(servicePort);
    }

    @Override
    public Integer call() throws Exception {
        LocalHub hub = LocalHub.start(config(), estPort > 0 ? new EstConfig(estPort, estValidity) : null);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.close();
            stopped.countDown();
        }, "local-hub-shutdown"));
        printSummary(hub, spec.commandLine().getOut());
        ran = true;
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            hub.close();
        }
        return 0;
    }

    private void printSummary(LocalHub hub, PrintWriter out) {
        out.println("local-hub is running (stop with Ctrl-C)");
        out.println("  HostName:        " + hub.hostName() + "  (MQTT port " + hub.mqttPort()
            + (hub.amqpPort() > 0 ? ", AMQPS port " + hub.amqpPort() : "") + ")");
        out.println("  service API:     https://" + hub.hostName() + ":" + hub.servicePort()
            + "  (MQTT and AMQP over WebSockets on /$iothub/websocket of the same port)");
        hub.servicePortFallback().ifPresent(reason -> out.println("  note: " + reason));
        if (hub.estPort() > 0) {
            out.println("  EST server:      https://" + hub.hostName() + ":" + hub.estPort() + "/.well-known/est  (certificates valid "
                + estValidity.toString().substring(2).toLowerCase(Locale.ROOT) + "; who may enroll: local-hub est --help)");
        }
        out.println("  CA file:         " + hub.caCertificateFile() + "  (clients must trust it)");
        // the owner key is a secret: say where it is, never print it (terminal scroll-back, CI and service logs)
        out.println("  owner connection string: in " + hub.dataDir().resolve(HubFiles.OWNER_CONNECTION_STRING) + " (mode 0600)");
        out.println("  module connection string: HostName=" + hub.hostName() + ";DeviceId=<device>;ModuleId=<module>;x509=true");
        out.flush();
    }
}
