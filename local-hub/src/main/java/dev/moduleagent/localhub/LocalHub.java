package dev.moduleagent.localhub;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.HubFiles;
import dev.moduleagent.localhub.internal.NetworkThreads;
import dev.moduleagent.localhub.internal.OwnerKey;
import dev.moduleagent.localhub.internal.amqp.AmqpServer;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.identity.CaRegistry;
import dev.moduleagent.localhub.internal.identity.ClientAuthenticator;
import dev.moduleagent.localhub.internal.identity.IdentityRegistry;
import dev.moduleagent.localhub.internal.mqtt.DesiredPublisher;
import dev.moduleagent.localhub.internal.mqtt.MethodInvoker;
import dev.moduleagent.localhub.internal.mqtt.MqttServer;
import dev.moduleagent.localhub.internal.mqtt.SessionRegistry;
import dev.moduleagent.localhub.internal.service.ServiceServer;
import dev.moduleagent.localhub.internal.store.HubDatabase;
import dev.moduleagent.localhub.internal.store.StoreException;
import dev.moduleagent.localhub.internal.telemetry.TelemetryLog;
import dev.moduleagent.localhub.internal.tls.HubCertificates;
import dev.moduleagent.localhub.internal.twin.TwinService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An offline stand-in for Azure IoT Hub: the device-facing MQTT/TLS endpoint that the unmodified device SDK connects
 * to with X.509, and an HTTPS service API shaped after IoT Hub's. Registry, twins, CAs and sessions live in an
 * embedded database in the data folder; the hub's CA and server certificate are made there on first start.
 *
 * <p>Thread-safe. {@link #close()} stops the listeners, closes every connection and the database.
 */
public final class LocalHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalHub.class);

    private final HubConfig config;
    private final Path caFile;
    private final String ownerConnectionString;
    private final int servicePort;
    private final Deque<AutoCloseable> resources;
    private boolean closed;

    private LocalHub(HubConfig config, Path caFile, String ownerConnectionString, int servicePort, Deque<AutoCloseable> resources) {
        this.config = config;
        this.caFile = caFile;
        this.ownerConnectionString = ownerConnectionString;
        this.servicePort = servicePort;
        this.resources = resources;
    }

    /** Starts the hub; returns once its listeners are bound. */
    public static LocalHub start(HubConfig config) throws LocalHubException {
        Path dataDir = config.dataDir().toAbsolutePath();
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            createPrivateFolder(dataDir);
            HubDatabase database = HubDatabase.open(dataDir);
            resources.push(database);
            HubCertificates certificates = HubCertificates.prepare(dataDir, config.bindAddress());
            String ownerKey = OwnerKey.loadOrCreate(database);
            HubCore core = core(config, database);
            NetworkThreads threads = new NetworkThreads();
            resources.push(threads);
            resources.push(MqttServer.start(core, threads, certificates.mqttContext(),
                new InetSocketAddress(config.bindAddress(), config.mqttPort()), null));
            if (config.amqpPort() > 0) {
                resources.push(AmqpServer.start(core, threads, certificates.mqttContext(),
                    new InetSocketAddress(config.bindAddress(), config.amqpPort())));
            }
            if (config.webSocketPort() > 0) {
                resources.push(MqttServer.start(core, threads, certificates.mqttContext(),
                    new InetSocketAddress(config.bindAddress(), config.webSocketPort()),
                    pipeline -> AmqpServer.addEngine(pipeline, threads.handlers(), core)));
            }
            ServiceServer service = ServiceServer.start(core, threads, certificates.serviceContext(),
                new InetSocketAddress(config.bindAddress(), config.servicePort()), ownerKey);
            resources.push(service);
            String owner = "HostName=" + config.bindAddress() + ";SharedAccessKeyName=iothubowner;SharedAccessKey=" + ownerKey;
            HubFiles.write(dataDir, new HubFiles.Endpoint(config.bindAddress(), config.mqttPort(), service.port(),
                certificates.caFile()), owner);
            LOG.info("local-hub started host={} mqttPort={} amqpPort={} webSocketPort={} servicePort={} caFile={} ownerConnectionStringFile={}",
                config.bindAddress(), config.mqttPort(), config.amqpPort(), config.webSocketPort(), service.port(), certificates.caFile(),
                dataDir.resolve(HubFiles.OWNER_CONNECTION_STRING));
            return new LocalHub(config, certificates.caFile(), owner, service.port(), resources);
        } catch (StoreException | CertificateToolException | Refusal e) {
            closeAll(resources);
            throw new LocalHubException(e.getMessage(), e);
        } catch (IOException e) {
            closeAll(resources);
            throw new LocalHubException("cannot use the data folder " + dataDir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAll(resources);
            throw new LocalHubException("interrupted while starting", e);
        } catch (Exception e) {
            closeAll(resources);
            throw new LocalHubException("cannot listen on " + config.bindAddress() + " (ports " + config.mqttPort()
                + ", " + config.servicePort() + (config.amqpPort() > 0 ? ", " + config.amqpPort() : "") + (config.webSocketPort() > 0 ? ", " + config.webSocketPort() : "")
                + "): " + e.getMessage(), e);
        }
    }

    /** The data folder holds keys and the owner key: made 0700 when the hub creates it. */
    private static void createPrivateFolder(Path dataDir) throws IOException {
        if (Files.isDirectory(dataDir)) {
            return;
        }
        if (dataDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dataDir);
        }
    }

    private static HubCore core(HubConfig config, HubDatabase database) throws StoreException, Refusal {
        Clock clock = Clock.systemUTC();
        TwinService twins = new TwinService(database, clock);
        IdentityRegistry identities = new IdentityRegistry(database, twins, config.maxModulesPerDevice(), clock);
        identities.load();
        CaRegistry cas = new CaRegistry(database, clock);
        cas.load();
        SessionRegistry sessions = new SessionRegistry(database, clock);
        sessions.load();
        twins.setDesiredListener(new DesiredPublisher(sessions));
        ClientAuthenticator authenticator = new ClientAuthenticator(identities, cas, config.bindAddress(), clock);
        return new HubCore(config.bindAddress(), identities, cas, twins, sessions, new MethodInvoker(sessions),
            new TelemetryLog(clock), authenticator, clock);
    }

    /** The HostName clients put in their connection string (= the bind address). */
    public String hostName() {
        return config.bindAddress();
    }

    /** The PEM file of the hub's CA, which clients must trust. */
    public Path caCertificateFile() {
        return caFile;
    }

    /** {@code HostName=…;SharedAccessKeyName=iothubowner;SharedAccessKey=…}: a secret, do not log it. */
    public String ownerConnectionString() {
        return ownerConnectionString;
    }

    /** The MQTT port (8883 for the SDK). */
    public int mqttPort() {
        return config.mqttPort();
    }

    /** The AMQPS port (5671 for the SDK), or 0 when AMQPS is off. */
    public int amqpPort() {
        return config.amqpPort();
    }

    /** The port the service API is bound to. */
    public int servicePort() {
        return servicePort;
    }

    /** The data folder. */
    public Path dataDir() {
        return config.dataDir().toAbsolutePath();
    }

    /** A client of the service API, authenticated as owner. */
    public ServiceClient serviceClient() {
        return ServiceClient.connect(ownerConnectionString, caFile, servicePort);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(resources);
        LOG.info("local-hub stopped host={}", config.bindAddress());
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("close failed resource={} reason={}", resource.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
