package dev.moduleagent.agent.internal.hub;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.SelfSigned;
import dev.moduleagent.certs.TlsContexts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** The real SDK's connection failures, named by their cause instead of the SDK's "IO_ERROR … network issues". */
class SdkFailureCauseTest {

    @Test
    void anUntrustedHubCertificateIsNamedAsATrustProblem() throws Exception {
        KeyPair hubKeys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate hubCert = SelfSigned.clientCertificate(hubKeys, IdentityName.of("some", "hub"), Duration.ofDays(1));
        SSLContext hubTls = TlsContexts.server(hubKeys.getPrivate(), List.of(hubCert));
        try (SSLServerSocket hub = (SSLServerSocket) hubTls.getServerSocketFactory()
                .createServerSocket(8883, 5, InetAddress.getByName("127.0.0.54"))) {
            Thread acceptor = new Thread(() -> handshakeOnce(hub), "test-hub");
            acceptor.setDaemon(true);
            acceptor.start();

            ChannelException e = assertThrows(ChannelException.class, () -> channel("127.0.0.54").open());
            assertTrue(e.getMessage().contains("TLS: the hub's certificate is not trusted (check trust.file)"),
                    e.getMessage());
        }
    }

    @Test
    void aHubThatDoesNotListenIsNamedAsANetworkProblem() throws Exception {
        ChannelException e = assertThrows(ChannelException.class, () -> channel("127.0.0.55").open());
        assertTrue(e.getMessage().contains("network: connection refused"), e.getMessage());
    }

    private static SdkTwinChannel channel(String host) throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate cert = SelfSigned.clientCertificate(keys, IdentityName.of("dev1", "mod1"), Duration.ofDays(1));
        X509Certificate someOtherCa = SelfSigned.clientCertificate(KeyPairs.generate(KeyAlgorithm.EC_P256),
                IdentityName.of("other", "ca"), Duration.ofDays(1));
        SSLContext tls = TlsContexts.client(keys.getPrivate(), List.of(cert), List.of(someOtherCa));
        return new SdkTwinChannel(new HubSettings(host, null, "dev1", "mod1", Transport.MQTT, 230, tls),
                (status, reason) -> { });
    }

    private static void handshakeOnce(SSLServerSocket server) {
        try (Socket socket = server.accept()) {
            ((SSLSocket) socket).startHandshake();
        } catch (IOException e) {
            // the client refuses the certificate: expected
        }
    }
}
