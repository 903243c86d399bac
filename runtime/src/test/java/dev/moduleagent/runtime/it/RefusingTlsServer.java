package dev.moduleagent.runtime.it;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS server on port 8883 that requires a client certificate from a CA nobody has: it refuses every client's
 * certificate, as a hub refuses a module it does not know. Its own certificate is signed by {@link #ca()}.
 */
final class RefusingTlsServer implements AutoCloseable {

    private final CertificateAuthority ca = CertificateAuthority.createRoot("refusing hub CA", KeyAlgorithm.EC_P256,
            Duration.ofDays(2));
    private final SSLServerSocket server;
    private final Thread acceptor;

    RefusingTlsServer(String address) throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate cert = ca.signServer(keys.getPublic(), address, List.of(address), Duration.ofDays(2));
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("server", keys.getPrivate(), new char[0], new X509Certificate[] {cert, ca.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
        keyManagers.init(identity, new char[0]);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("stranger", CertificateAuthority.createRoot("a CA no module has",
                KeyAlgorithm.EC_P256, Duration.ofDays(2)).certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        server.setNeedClientAuth(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(address), 8883));
        acceptor = new Thread(this::serve, "refusing-tls-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    CertificateAuthority ca() {
        return ca;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setSoTimeout(5_000);
                socket.startHandshake();
            } catch (IOException e) {
                // the refusal itself (or the server closing)
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join(5_000);
    }
}
