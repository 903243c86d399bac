package dev.moduleagent.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TlsContextsTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws Exception {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void serverSeesTheSelfSignedClientCertificateAndClientTrustsTheServerCa() throws Exception {
        CertificateAuthority hubCa = CertificateAuthority.createRoot("Hub CA", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        KeyPair serverKeys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate serverCert = hubCa.signServer(serverKeys.getPublic(), "127.0.0.1", List.of("127.0.0.1"),
                Duration.ofDays(1));
        KeyPair clientKeys = KeyPairs.generate(KeyAlgorithm.RSA_2048);
        X509Certificate clientCert = SelfSigned.clientCertificate(clientKeys, IdentityName.of("d1", "m1"),
                Duration.ofDays(1));
        SSLContext server = TlsContexts.server(serverKeys.getPrivate(), List.of(serverCert, hubCa.certificate()));
        SSLContext client = TlsContexts.client(clientKeys.getPrivate(), List.of(clientCert), List.of(hubCa.certificate()));

        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<Certificate[]> seen = CompletableFuture.supplyAsync(() -> accept(listener), executor);
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
                    .createSocket("127.0.0.1", listener.getLocalPort())) {
                socket.setSoTimeout(10_000);
                var parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                OutputStream out = socket.getOutputStream();
                out.write(42);
                out.flush();
                assertEquals(42, socket.getInputStream().read());
                assertEquals(serverCert, socket.getSession().getPeerCertificates()[0]);
            }
            assertEquals(clientCert, seen.get(10, TimeUnit.SECONDS)[0]);
        }
    }

    @Test
    void refusesAKeyThatDoesNotMatchTheChain() {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        CertificateAuthority ca = CertificateAuthority.createRoot("CA", KeyAlgorithm.EC_P256, Duration.ofDays(1));

        assertThrows(CertificateToolException.class,
                () -> TlsContexts.client(keys.getPrivate(), List.of(ca.certificate()), List.of()));
        assertThrows(CertificateToolException.class, () -> TlsContexts.server(keys.getPrivate(), List.of(ca.certificate())));
    }

    private static Certificate[] accept(SSLServerSocket listener) {
        try (SSLSocket socket = (SSLSocket) listener.accept()) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            int b = in.read();
            socket.getOutputStream().write(b);
            socket.getOutputStream().flush();
            return socket.getSession().getPeerCertificates();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
