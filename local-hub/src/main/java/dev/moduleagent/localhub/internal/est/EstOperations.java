package dev.moduleagent.localhub.internal.est;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.ChainValidator;
import dev.moduleagent.localhub.internal.identity.CaRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the EST endpoints do: {@code cacerts}, {@code csrattrs}, {@code simpleenroll} (Basic credentials or a client
 * certificate from a bootstrap CA) and {@code simplereenroll} (a valid client certificate from a CA the hub trusts,
 * whose subject equals the request's). Thread-safe.
 */
final class EstOperations {

    private static final Logger LOG = LoggerFactory.getLogger(EstOperations.class);

    private final EstCa ca;
    private final EstAccess access;
    private final CaRegistry registry;
    private final Clock clock;

    EstOperations(EstCa ca, EstAccess access, CaRegistry registry, Clock clock) {
        this.ca = ca;
        this.access = access;
        this.registry = registry;
        this.clock = clock;
    }

    EstReply cacerts() {
        return EstReply.certsOnly(EstMessages.certsOnly(ca.caCertificates()));
    }

    EstReply csrattrs() {
        return EstReply.noContent();
    }

    EstReply enroll(byte[] body, List<X509Certificate> peer, String authorization) throws IOException {
        String who = bootstrapSubject(peer);
        if (who == null && authorization != null) {
            who = basicUser(authorization);
            if (who == null) {
                LOG.info("est simpleenroll refused status=401 reason=\"wrong Basic credentials\"");
                return EstReply.error(401, "wrong user name or password");
            }
        }
        if (who == null) {
            LOG.info("est simpleenroll challenged status=401 clientCertificate=\"{}\"", peer.isEmpty() ? "none" : "not from a bootstrap CA");
            return EstReply.challenge();
        }
        return issue("simpleenroll", body, who);
    }

    EstReply reenroll(byte[] body, List<X509Certificate> peer) {
        if (peer.isEmpty()) {
            LOG.info("est simplereenroll refused status=401 reason=\"no client certificate\"");
            return EstReply.error(401, "simplereenroll needs the current certificate as TLS client certificate");
        }
        X509Certificate current = peer.get(0);
        try {
            ChainValidator.validate(peer, registry.verifiedCertificates(), clock.instant());
        } catch (CertificateToolException e) {
            LOG.info("est simplereenroll refused status=401 subject=\"{}\" reason=\"{}\"", current.getSubjectX500Principal().getName(), e.getMessage());
            return EstReply.error(401, "the client certificate is not valid for this hub: " + e.getMessage());
        }
        PKCS10CertificationRequest csr;
        try {
            csr = EstMessages.decodeCsr(body);
        } catch (IllegalArgumentException e) {
            return EstReply.error(400, e.getMessage());
        }
        X500Name presented = X500Name.getInstance(current.getSubjectX500Principal().getEncoded());
        if (!presented.equals(csr.getSubject())) {
            LOG.info("est simplereenroll refused status=403 subject=\"{}\" requested=\"{}\"", presented, csr.getSubject());
            return EstReply.error(403, "the request's subject " + csr.getSubject() + " is not the client certificate's " + presented);
        }
        return issue("simplereenroll", body, "certificate " + presented);
    }

    private EstReply issue(String operation, byte[] body, String who) {
        try {
            PKCS10CertificationRequest csr = EstMessages.decodeCsr(body);
            List<X509Certificate> chain = ca.issue(csr);
            X509Certificate leaf = chain.get(0);
            LOG.info("est {} issued subject=\"{}\" serial={} notAfter={} by={}", operation, leaf.getSubjectX500Principal().getName(),
                leaf.getSerialNumber().toString(16).toUpperCase(Locale.ROOT), leaf.getNotAfter().toInstant(), who);
            return EstReply.certsOnly(EstMessages.certsOnly(chain));
        } catch (IllegalArgumentException | CertificateToolException e) {
            LOG.info("est {} refused status=400 reason=\"{}\"", operation, e.getMessage());
            return EstReply.error(400, "bad request: " + e.getMessage());
        }
    }

    private String bootstrapSubject(List<X509Certificate> peer) throws IOException {
        if (peer.isEmpty()) {
            return null;
        }
        try {
            List<X509Certificate> anchors = access.bootstrapCas();
            if (anchors.isEmpty()) {
                return null;
            }
            ChainValidator.validate(peer, anchors, clock.instant());
            return "bootstrap certificate " + peer.get(0).getSubjectX500Principal().getName();
        } catch (CertificateToolException e) {
            LOG.debug("est client certificate not from a bootstrap CA subject={} reason={}", peer.get(0).getSubjectX500Principal().getName(), e.getMessage());
            return null;
        }
    }

    /** @return "user NAME" when the Basic credentials are right, null otherwise */
    private String basicUser(String authorization) throws IOException {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6) || authorization.length() > 1024) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(decoded));
        char[] pair = new char[chars.remaining()];
        chars.get(pair);
        Arrays.fill(chars.array(), '\0');
        Arrays.fill(decoded, (byte) 0);
        int colon = -1;
        for (int i = 0; i < pair.length && colon < 0; i++) {
            colon = pair[i] == ':' ? i : -1;
        }
        char[] password = colon < 0 ? new char[0] : Arrays.copyOfRange(pair, colon + 1, pair.length);
        try {
            String user = colon <= 0 ? "" : new String(pair, 0, colon);
            boolean right = EstAccess.USER_NAME.matcher(user).matches() && access.checkUser(user, password);
            return right ? "user " + user : null;
        } finally {
            Arrays.fill(pair, '\0');
            Arrays.fill(password, '\0');
        }
    }
}
