package dev.moduleagent.localhub.internal.tls;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's own CA and server certificate, made on first start in the data folder: the CA is what clients trust,
 * the server certificate carries the bind address as an IP (or DNS) subjectAltName because Paho verifies the host.
 * The server certificate is re-issued when the bind address changes or it nears its end.
 */
public final class HubCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(HubCertificates.class);
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(825);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final Path caFile;
    private final PrivateKey serverKey;
    private final List<X509Certificate> serverChain;

    private HubCertificates(Path caFile, PrivateKey serverKey, List<X509Certificate> serverChain) {
        this.caFile = caFile;
        this.serverKey = serverKey;
        this.serverChain = serverChain;
    }

    /** Loads the CA and server certificate from the data folder, creating what is missing or stale. */
    public static HubCertificates prepare(Path dataDir, String host) throws CertificateToolException {
        Path caDir = dataDir.resolve("ca");
        CertificateAuthority ca;
        if (Files.exists(caDir.resolve(CertificateAuthority.KEY_FILE))) {
            ca = CertificateAuthority.load(caDir, null);
        } else {
            ca = CertificateAuthority.createRoot("local-hub CA " + host, KeyAlgorithm.EC_P256, CA_VALIDITY);
            ca.save(caDir, null, false);
            LOG.info("hub CA created file={}", caDir.resolve(CertificateAuthority.CERT_FILE));
        }
        Path serverDir = dataDir.resolve("server");
        Path keyFile = serverDir.resolve("server.key.pem");
        Path certFile = serverDir.resolve("server.cert.pem");
        if (Files.exists(keyFile) && Files.exists(certFile)) {
            List<X509Certificate> chain = Pem.readCertificates(certFile);
            if (usable(chain, ca, host)) {
                return new HubCertificates(caDir.resolve(CertificateAuthority.CERT_FILE), Pem.readPrivateKey(keyFile, null), chain);
            }
        }
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        List<String> names = "localhost".equals(host) ? List.of(host) : List.of(host, "localhost");
        X509Certificate server = ca.signServer(keys.getPublic(), host, names, SERVER_VALIDITY);
        List<X509Certificate> chain = List.of(server, ca.certificate());
        Pem.writePrivateKey(keyFile, keys.getPrivate(), null, true);
        Pem.writeCertificates(certFile, chain, true);
        LOG.info("server certificate issued host={} subjectAltNames=\"{}\"", host, names);
        return new HubCertificates(caDir.resolve(CertificateAuthority.CERT_FILE), keys.getPrivate(), chain);
    }

    /** The PEM file of the CA clients must trust. */
    public Path caFile() {
        return caFile;
    }

    /**
     * TLS for MQTT on 8883 and for the shared HTTPS port (MQTT over WebSockets with X.509, and the REST API whose
     * callers send no certificate): client certificates are requested, optional, and judged by the hub (see
     * {@link ClientCertificateTrust}).
     */
    public SslContext mqttContext() throws SSLException {
        return SslContextBuilder.forServer(serverKey, serverChain).sslProvider(SslProvider.JDK).protocols(PROTOCOLS)
            .clientAuth(ClientAuth.OPTIONAL).trustManager(new ClientCertificateTrust()).build();
    }

    private static boolean usable(List<X509Certificate> chain, CertificateAuthority ca, String host) {
        if (chain.isEmpty()) {
            return false;
        }
        X509Certificate server = chain.get(0);
        try {
            server.verify(ca.certificate().getPublicKey());
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
        boolean fresh = server.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
        return fresh && namesHost(server, host);
    }

    private static boolean namesHost(X509Certificate server, String host) {
        try {
            Collection<List<?>> names = server.getSubjectAlternativeNames();
            if (names == null) {
                return false;
            }
            for (List<?> name : names) {
                Object value = name.get(1);
                if (value instanceof String text && sameHost(text, host)) {
                    return true;
                }
            }
            return false;
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static boolean sameHost(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        if (!isIpLiteral(a) || !isIpLiteral(b)) {
            return false;
        }
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** An IPv4 or IPv6 literal (so that InetAddress never asks DNS). */
    private static boolean isIpLiteral(String text) {
        return text.matches("[0-9.]+") || text.matches("[0-9A-Fa-f:.]+") && text.indexOf(':') >= 0;
    }
}
