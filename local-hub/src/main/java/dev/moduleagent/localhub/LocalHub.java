package dev.moduleagent.localhub;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.HubFiles;
import dev.moduleagent.localhub.internal.ListenerBinding;
import dev.moduleagent.localhub.internal.TlsListener;
import dev.moduleagent.localhub.internal.gateway.GatewayServer;
import dev.moduleagent.localhub.internal.gateway.HttpEndpoint;
import dev.moduleagent.localhub.internal.gateway.WebSocketEndpoint;
import dev.moduleagent.localhub.internal.NetworkThreads;
import dev.moduleagent.localhub.internal.PrivateFolder;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.amqp.AmqpOverWebSocket;
import dev.moduleagent.localhub.internal.amqp.AmqpServer;
import dev.moduleagent.localhub.internal.est.EstCa;
import dev.moduleagent.localhub.internal.est.EstServer;
import dev.moduleagent.localhub.internal.identity.CaRegistry;
import dev.moduleagent.localhub.internal.identity.ClientAuthenticator;
import dev.moduleagent.localhub.internal.identity.IdentityRegistry;
import dev.moduleagent.localhub.internal.mqtt.DesiredPublisher;
import dev.moduleagent.localhub.internal.mqtt.MethodInvoker;
import dev.moduleagent.localhub.internal.mqtt.MqttOverWebSocket;
import dev.moduleagent.localhub.internal.mqtt.MqttServer;
import dev.moduleagent.localhub.internal.mqtt.SessionRegistry;
import dev.moduleagent.localhub.internal.sas.AccessPolicies;
import dev.moduleagent.localhub.internal.service.ServiceEndpoint;
import dev.moduleagent.localhub.internal.store.HubDatabase;
import dev.moduleagent.localhub.internal.store.StoreException;
import dev.moduleagent.localhub.internal.telemetry.TelemetryLog;
import dev.moduleagent.localhub.internal.tls.HubCertificates;
import dev.moduleagent.localhub.internal.twin.TwinService;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
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
    private final String servicePortFallback;
    private final Deque<AutoCloseable> resources;
    private int estPort = -1;
    private boolean closed;

    private LocalHub(HubConfig config, Path caFile, String ownerConnectionString, int servicePort, String servicePortFallback,
                     Deque<AutoCloseable> resources) {
        this.servicePortFallback = servicePortFallback;
        this.config = config;
        this.caFile = caFile;
        this.ownerConnectionString = ownerConnectionString;
        this.servicePort = servicePort;
        this.resources = resources;
    }

    /** Starts the hub; returns once its listeners are bound. */
    public static LocalHub start(HubConfig config) throws LocalHubException {
        return start(config, null);
    }

    /**
     * Starts the hub with an EST server (RFC 7030) on the bind address; returns once its listeners are bound.
     *
     * @param est the EST server's port and certificate validity, or null for none
     */
    public static LocalHub start(HubConfig config, EstConfig est) throws LocalHubException {
        Path dataDir = config.dataDir().toAbsolutePath();
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            PrivateFolder.create(dataDir);
            HubDatabase database = HubDatabase.open(dataDir, config.durability());
            resources.push(database);
            HubCertificates certificates = HubCertificates.prepare(dataDir, config.bindAddress());
            AccessPolicies policies = AccessPolicies.loadOrCreate(database);
            HubCore core = core(config, database, policies);
            NetworkThreads threads = new NetworkThreads();
            resources.push(threads);
            startDeviceListeners(config, core, threads, certificates, resources);
            Https https = startHttps(config, core, policies, threads, certificates, resources);
            TlsListener service = https.server();
            String owner = policies.owner().connectionString(config.bindAddress());
            writeEndpointFiles(config, dataDir, service.port(), certificates.caFile(), owner);
            LocalHub hub = new LocalHub(config, certificates.caFile(), owner, service.port(), https.fallbackReason(), resources);
            if (est != null) {
                hub.estPort = startEst(est, config, dataDir, core, threads, certificates, resources);
            }
            return hub;
        } catch (StoreException | CertificateToolException | Refusal | ListenerBinding.BindFailure e) {
            closeAll(resources);
            throw new LocalHubException(e.getMessage(), e);
        } catch (IOException e) {
            closeAll(resources);
            throw new LocalHubException("cannot use the data folder " + dataDir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAll(resources);
            throw new LocalHubException("interrupted while starting", e);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw new LocalHubException("the hub failed to start: " + e, e);
        }
    }

    /** Writes where the hub listens and the owner connection string, then restricts the data folder; logs the start. */
    private static void writeEndpointFiles(HubConfig config, Path dataDir, int httpsPort, Path caFile, String owner)
        throws IOException {
        HubFiles.write(dataDir, new HubFiles.Endpoint(config.bindAddress(), config.mqttPort(), httpsPort, caFile), owner);
        PrivateFolder.restrict(dataDir);   // hub.mv.db and the CA files exist now, whatever their mode was
        LOG.info("local-hub started host={} mqttPort={} amqpPort={} httpsPort={} extraHttpsPort={} caFile={} ownerConnectionStringFile={}",
            config.bindAddress(), config.mqttPort(), config.amqpPort(), httpsPort, config.webSocketPort(), caFile,
            dataDir.resolve(HubFiles.OWNER_CONNECTION_STRING));
    }

    /** The device-facing listeners: MQTT/TLS, and AMQP/TLS unless its port is 0. */
    private static void startDeviceListeners(HubConfig config, HubCore core, NetworkThreads threads, HubCertificates certificates,
                                             Deque<AutoCloseable> resources)
        throws ListenerBinding.BindFailure, InterruptedException, SSLException {
        resources.push(MqttServer.start(core, threads, certificates.mqttContext(),
            new InetSocketAddress(config.bindAddress(), config.mqttPort())));
        if (config.amqpPort() > 0) {
            resources.push(AmqpServer.start(core, threads, certificates.mqttContext(),
                new InetSocketAddress(config.bindAddress(), config.amqpPort())));
        }
    }

    @FunctionalInterface
    private interface HttpsStarter {
        TlsListener start(int port) throws ListenerBinding.BindFailure, InterruptedException;
    }

    private record Https(TlsListener server, String fallbackReason) {
    }

    /**
     * The shared HTTPS listener (REST, and MQTT and AMQP over WebSockets) on the service port, or on the fallback port when that
     * cannot be bound; and on the extra port if configured.
     */
    private static Https startHttps(HubConfig config, HubCore core, AccessPolicies policies, NetworkThreads threads,
                                    HubCertificates certificates, Deque<AutoCloseable> resources)
        throws ListenerBinding.BindFailure, InterruptedException, SSLException {
        HttpEndpoint rest = new ServiceEndpoint(core, threads.handlers(), policies);
        List<WebSocketEndpoint> webSockets = List.of(new MqttOverWebSocket(core, threads.handlers()),
            new AmqpOverWebSocket(core, threads.handlers()));
        SslContext tls = certificates.mqttContext();
        HttpsStarter starter = port -> GatewayServer.start(threads, tls, new InetSocketAddress(config.bindAddress(), port),
            config.serviceTimeouts(), rest, webSockets);
        Https https = startWithFallback(config, starter);
        resources.push(https.server());
        if (config.webSocketPort() > 0 && config.webSocketPort() != https.server().port()) {
            resources.push(starter.start(config.webSocketPort()));
        }
        return https;
    }

    /** The HTTPS listener on the service port, or on the fallback port (with the reason) when that cannot be bound. */
    private static Https startWithFallback(HubConfig config, HttpsStarter starter)
        throws ListenerBinding.BindFailure, InterruptedException {
        try {
            return new Https(starter.start(config.servicePort()), null);
        } catch (ListenerBinding.BindFailure e) {
            if (config.fallbackServicePort() == 0) {
                throw e;
            }
            String reason = e.getMessage() + "; the service API and MQTT over WebSockets use port "
                + config.fallbackServicePort() + " instead, which Microsoft's SDKs (always 443) cannot reach";
            LOG.warn("https port fallback reason=\"{}\"", reason);
            return new Https(starter.start(config.fallbackServicePort()), reason);
        }
    }

    /** The EST listener uses the MQTT TLS context: it requests client certificates and lets the server judge them. */
    private static int startEst(EstConfig est, HubConfig config, Path dataDir, HubCore core, NetworkThreads threads,
                                HubCertificates certificates, Deque<AutoCloseable> resources)
        throws CertificateToolException, StoreException, Refusal, ListenerBinding.BindFailure, InterruptedException, SSLException {
        EstCa ca = EstCa.prepare(dataDir, config.bindAddress(), core.cas(), est.validity());
        TlsListener server = EstServer.start(ca, dataDir, core.cas(), threads, certificates.mqttContext(),
            new InetSocketAddress(config.bindAddress(), est.port()));
        resources.push(server);
        return server.port();
    }

    private static HubCore core(HubConfig config, HubDatabase database, AccessPolicies policies) throws StoreException, Refusal {
        Clock clock = Clock.systemUTC();
        TwinService twins = new TwinService(database, clock);
        IdentityRegistry identities = new IdentityRegistry(database, twins, config.maxModulesPerDevice(), clock);
        identities.load();
        CaRegistry cas = new CaRegistry(database, clock);
        cas.load();
        SessionRegistry sessions = new SessionRegistry(database, clock);
        sessions.load();
        twins.setDesiredListener(new DesiredPublisher(sessions));
        ClientAuthenticator authenticator = new ClientAuthenticator(identities, cas, policies, config.bindAddress(), clock);
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

    /** Why the HTTPS listener is not on the configured service port (it is on the fallback port), if so. */
    public Optional<String> servicePortFallback() {
        return Optional.ofNullable(servicePortFallback);
    }

    /** The port the service API (and MQTT and AMQP over WebSockets) is bound to. */
    public int servicePort() {
        return servicePort;
    }

    /** The EST server's port, or -1 when the hub runs without one. */
    public int estPort() {
        return estPort;
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
                LOG.warn("close failed resource={} reason=\"{}\"", resource.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
