package dev.moduleagent.certs.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.TlsContexts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A real HTTPS server on loopback that answers EST requests as a test scripts them (202, 401, malformed PKCS#7,
 * a certificate for another subject, …): the misbehaviours a conforming EST server such as local-hub's never shows.
 */
final class ScriptedEstServer implements AutoCloseable {

    /** One HTTP answer. */
    record Answer(int status, Map<String, String> headers, byte[] body) {

        static Answer certsOnly(List<X509Certificate> certificates) throws Exception {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new JcaCertStore(certificates));
            return certsOnlyBody(generator.generate(new CMSAbsentContent()).getEncoded());
        }

        static Answer certsOnlyBody(byte[] der) {
            return new Answer(200, Map.of("Content-Type", "application/pkcs7-mime; smime-type=certs-only",
                    "Content-Transfer-Encoding", "base64"), Base64.getMimeEncoder().encode(der));
        }

        static Answer status(int status, String text) {
            return new Answer(status, Map.of("Content-Type", "text/plain"), text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Decides the answer to a request. */
    interface Script {
        Answer answer(String path, PKCS10CertificationRequest csr) throws Exception;
    }

    static final String HOST = "127.0.0.1";

    final CertificateAuthority ca;
    final AtomicInteger requests = new AtomicInteger();
    private final HttpsServer server;

    /**
     * @param serverNames the subjectAltNames of the server's TLS certificate
     * @param script the answers
     */
    ScriptedEstServer(List<String> serverNames, Script script) throws Exception {
        ca = CertificateAuthority.createRoot("Scripted EST Root", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate serverCert = ca.signServer(keys.getPublic(), serverNames.get(0), serverNames, Duration.ofDays(1));
        server = HttpsServer.create(new InetSocketAddress(HOST, 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TlsContexts.server(keys.getPrivate(), List.of(serverCert, ca.certificate()))));
        server.createContext("/.well-known/est", exchange -> handle(exchange, script));
        server.start();
    }

    String url() {
        return "https://" + HOST + ":" + server.getAddress().getPort() + "/.well-known/est";
    }

    /** @return an answer with the certificate the CA issues for the request, as a conforming server would */
    Answer issue(PKCS10CertificationRequest csr) throws Exception {
        return Answer.certsOnly(List.of(ca.signClient(csr, Duration.ofHours(1))));
    }

    /** @return a certificate from the CA for any subject and key (what a misbehaving server might return) */
    X509Certificate issue(X500Name subject, PublicKey key) throws Exception {
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(ca.certificate(),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now), Date.from(now.plusSeconds(3600)), subject, key)
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey())));
    }

    private void handle(HttpExchange exchange, Script script) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            PKCS10CertificationRequest csr = body.length == 0 ? null
                    : new PKCS10CertificationRequest(Base64.getMimeDecoder().decode(body));
            Answer answer = script.answer(exchange.getRequestURI().getPath(), csr);
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
