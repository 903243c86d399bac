package dev.moduleagent.benchmark.baseline;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The bare SDK program of issue 12, the baseline the agent is measured against: a plain {@code main} with only the
 * Azure device SDK 2.5.0 and the JDK, doing the seed's steps (X.509 {@code ModuleClient} over MQTT, open, subscribe
 * desired, get the twin, report {@code DateTimeLastAppLaunch}; on each desired patch report
 * {@code DateTimeLastDesiredPropertyChangeReceived}). Kept deliberately naive: no framework, no retry, no logging.
 *
 * <p>Usage: {@code BareModule <hub-host> <device> <module> <key.pem> <chain.pem> <trust.pem> [nodelay]}; the key is an
 * unencrypted PKCS#8 EC key. {@code nodelay} sets {@code TCP_NODELAY} on the SDK's socket.
 */
public final class BareModule {

    private BareModule() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: BareModule <hub-host> <device> <module> <key.pem> <chain.pem> <trust.pem> [nodelay]");
            System.exit(2);
        }
        SSLContext ssl = sslContext(Path.of(args[3]), Path.of(args[4]), Path.of(args[5]));
        if (args.length > 6 && args[6].equals("nodelay")) {
            ssl = NoDelayContext.wrap(ssl);
        }
        String connectionString = "HostName=" + args[0] + ";DeviceId=" + args[1] + ";ModuleId=" + args[2] + ";x509=true";
        ModuleClient client = new ModuleClient(connectionString, IotHubClientProtocol.MQTT,
                ClientOptions.builder().sslContext(ssl).build());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.close();
            stop.countDown();
        }));
        client.open(true);
        client.subscribeToDesiredProperties((twin, context) -> report(client,
                "DateTimeLastDesiredPropertyChangeReceived"), null);
        client.getTwin();
        report(client, "DateTimeLastAppLaunch");
        stop.await();
    }

    private static void report(ModuleClient client, String property) {
        TwinCollection patch = new TwinCollection();
        patch.put(property, Instant.now().toString());
        client.updateReportedPropertiesAsync(patch, (status, response, error, context) -> {
            if (error != null) {
                System.err.println("report " + property + " failed: " + error.getMessage());
            }
        }, null);
    }

    private static SSLContext sslContext(Path keyFile, Path chainFile, Path trustFile) throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        Certificate[] chain;
        try (InputStream in = Files.newInputStream(chainFile)) {
            chain = x509.generateCertificates(in).toArray(Certificate[]::new);
        }
        String pem = Files.readString(keyFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(pem)));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("module", key, new char[0], chain);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(trustFile)) {
            int i = 0;
            for (Certificate ca : x509.generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, ca);
            }
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
