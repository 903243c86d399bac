package dev.moduleagent.localhub.cli;

import dev.moduleagent.localhub.HubConfig;
import dev.moduleagent.localhub.LocalHub;
import dev.moduleagent.localhub.internal.HubFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Option(names = "--service-port", defaultValue = "8443", paramLabel = "PORT", description = "Service API port (default ${DEFAULT-VALUE}).")
    private int servicePort;

    @Option(names = "--websocket-port", defaultValue = "0", paramLabel = "PORT",
            description = "MQTT and AMQP over WebSockets (wss://HOST/$iothub/websocket, the SDK's MQTT_WS and AMQPS_WS, always 443); 0 = off (default).")
    private int webSocketPort;

    @Option(names = "--max-modules", defaultValue = "20", paramLabel = "N", description = "Modules per device (default ${DEFAULT-VALUE}).")
    private int maxModules;

    /** Whether a serve command ran to its end (then the JVM is already shutting down). */
    static boolean ran() {
        return ran;
    }

    @Override
    public Integer call() throws Exception {
        HubConfig config = new HubConfig(bind, mqttPort, servicePort, dataDir, maxModules, webSocketPort, amqpPort);
        LocalHub hub = LocalHub.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.close();
            stopped.countDown();
        }, "local-hub-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("local-hub is running (stop with Ctrl-C)");
        out.println("  HostName:        " + hub.hostName() + "  (MQTT port " + hub.mqttPort()
            + (hub.amqpPort() > 0 ? ", AMQPS port " + hub.amqpPort() : "") + ")");
        if (config.webSocketPort() > 0) {
            out.println("  MQTT and AMQP over WebSockets: wss://" + hub.hostName() + ":" + config.webSocketPort() + "/$iothub/websocket");
        }
        out.println("  service API:     https://" + hub.hostName() + ":" + hub.servicePort());
        out.println("  CA file:         " + hub.caCertificateFile() + "  (clients must trust it)");
        out.println("  owner connection string (also in " + hub.dataDir().resolve(HubFiles.OWNER_CONNECTION_STRING) + "):");
        out.println("    " + hub.ownerConnectionString());
        out.println("  module connection string: HostName=" + hub.hostName() + ";DeviceId=<device>;ModuleId=<module>;x509=true");
        out.flush();
        ran = true;
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            hub.close();
        }
        return 0;
    }
}
