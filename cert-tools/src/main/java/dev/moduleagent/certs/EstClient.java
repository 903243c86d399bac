package dev.moduleagent.certs;

import dev.moduleagent.certs.EstException.Reason;
import dev.moduleagent.certs.internal.EnrolledChain;
import dev.moduleagent.certs.internal.EstEndpoint;
import dev.moduleagent.certs.internal.EstExchange;
import dev.moduleagent.certs.internal.EstFailures;
import dev.moduleagent.certs.internal.JsseMaterial;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.est.CACertsResponse;
import org.bouncycastle.est.ESTAuth;
import org.bouncycastle.est.EnrollmentResponse;
import org.bouncycastle.est.HttpAuth;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An EST (RFC 7030) client on Bouncy Castle's: {@code cacerts}, {@code simpleenroll} and {@code simplereenroll}
 * over TLS to a server trusted through explicit trust anchors only. Authentication is HTTP Basic, a TLS client
 * certificate, or both. A 202 answer is retried after its Retry-After, within {@link Builder#maxWait}.
 *
 * <p>Immutable and thread-safe; every call opens its own connections. Calls block (network, Retry-After waits);
 * an interrupt during a wait ends the call with {@link Reason#INTERRUPTED} and the interrupt flag set.
 */
@ProviderType
public final class EstClient {

    private final EstEndpoint endpoint;
    private final X509TrustManager[] trust;
    private final KeyManager[] keyManagers;
    private final String username;
    private final char[] password;
    private final Duration timeout;
    private final Duration maxWait;

    private EstClient(Builder builder) {
        this.endpoint = builder.endpoint;
        this.trust = builder.trust;
        this.keyManagers = builder.keyManagers;
        this.username = builder.username;
        this.password = builder.password;
        this.timeout = builder.timeout;
        this.maxWait = builder.maxWait;
    }

    /**
     * @param url {@code https://host[:port]/.well-known/est[/label]}
     * @param serverTrust the certificates the server's TLS certificate must chain to (at least one; never trust-all)
     * @return a builder
     * @throws CertificateToolException when the URL is not an EST URL or no trust anchor is given
     */
    public static Builder to(String url, List<X509Certificate> serverTrust) throws CertificateToolException {
        return new Builder(EstEndpoint.parse(url), serverTrust);
    }

    /**
     * {@code GET /cacerts}.
     *
     * @return the server's current CA certificates, in the order of the reply
     * @throws EstException when the exchange fails, with a reason and one line for the user
     */
    public List<X509Certificate> caCertificates() throws EstException {
        EstExchange exchange = exchange();
        String where = "cacerts at " + endpoint.url();
        CACertsResponse response;
        try {
            response = exchange.service().getCACerts();
        } catch (IOException | RuntimeException e) {
            throw EstFailures.classify("cacerts", endpoint, exchange, e);
        }
        if (!response.hasCertificates()) {
            throw EstFailures.malformed(where, "it holds no certificate", null);
        }
        return EnrolledChain.convert(response.getCertificateStore().getMatches(null), where);
    }

    /**
     * {@code POST /simpleenroll}: a first certificate, authenticated by Basic credentials or a bootstrap client
     * certificate.
     *
     * @param csr the request (its subject and key are what the returned certificate must carry)
     * @return the issued certificate first, then the issuers the server sent (no self-signed root)
     * @throws EstException when the exchange fails or the certificate is not the one requested
     */
    public List<X509Certificate> enroll(PKCS10CertificationRequest csr) throws EstException {
        return request(false, csr);
    }

    /**
     * {@code POST /simplereenroll}: a renewed certificate, authenticated by the current certificate (TLS client auth).
     *
     * @param csr the request, with the current certificate's subject
     * @return the issued certificate first, then the issuers the server sent (no self-signed root)
     * @throws EstException when the exchange fails or the certificate is not the one requested
     */
    public List<X509Certificate> reenroll(PKCS10CertificationRequest csr) throws EstException {
        return request(true, csr);
    }

    private List<X509Certificate> request(boolean renew, PKCS10CertificationRequest csr) throws EstException {
        String operation = renew ? "simplereenroll" : "simpleenroll";
        long deadline = System.nanoTime() + maxWait.toNanos();
        EstExchange exchange = exchange();
        EnrollmentResponse response;
        try {
            response = exchange.service().simpleEnroll(renew, csr, auth());
            while (!response.isCompleted()) {
                awaitRetry(operation, response.getNotBefore(), deadline);
                exchange = exchange();
                response = exchange.service().simpleEnroll(response);
            }
        } catch (EstException e) {
            throw e;
        } catch (Exception e) {
            throw EstFailures.classify(operation, endpoint, exchange, e);
        }
        return EnrolledChain.of(response.getStore(), csr, operation + " at " + endpoint.url());
    }

    private void awaitRetry(String operation, long notBeforeMillis, long deadlineNanos) throws EstException {
        long waitMillis = Math.max(0, notBeforeMillis - System.currentTimeMillis());
        long leftMillis = Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis();
        if (waitMillis > leftMillis) {
            throw new EstException(Reason.PENDING, 202, operation + " at " + endpoint.url() + ": the server has not "
                    + "issued the certificate yet (202, Retry-After " + Math.round(waitMillis / 1000.0)
                    + " s is beyond the allowed wait of " + maxWait.toSeconds() + " s); retry later or allow a longer wait", null);
        }
        try {
            Thread.sleep(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EstException(Reason.INTERRUPTED, 202, operation + " at " + endpoint.url()
                    + ": interrupted while waiting to retry", e);
        }
    }

    private ESTAuth auth() {
        return username == null ? null : new HttpAuth(username, password.clone());
    }

    private EstExchange exchange() {
        return new EstExchange(endpoint, trust, keyManagers, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** Collects the server, trust, credentials and limits of an {@link EstClient}. Not thread-safe. */
    public static final class Builder {

        private final EstEndpoint endpoint;
        private final X509TrustManager[] trust;
        private KeyManager[] keyManagers;
        private String username;
        private char[] password;
        private Duration timeout = Duration.ofSeconds(30);
        private Duration maxWait = Duration.ofMinutes(1);

        private Builder(EstEndpoint endpoint, List<X509Certificate> serverTrust) throws CertificateToolException {
            if (serverTrust.isEmpty()) {
                throw new CertificateToolException("no trust anchor for the EST server given");
            }
            this.endpoint = endpoint;
            try {
                this.trust = JsseMaterial.x509TrustManagers(serverTrust);
            } catch (GeneralSecurityException | IOException e) {
                throw new CertificateToolException("cannot use the trust anchors (" + e.getMessage() + ")", e);
            }
        }

        /**
         * @param user the Basic user name (no ':')
         * @param secret the password; copied
         * @return this builder
         * @throws CertificateToolException when the user name is empty or has a ':'
         */
        public Builder basicAuth(String user, char[] secret) throws CertificateToolException {
            if (user.isEmpty() || user.indexOf(':') >= 0) {
                throw new CertificateToolException("the EST user name must be non-empty and without ':'");
            }
            this.username = user;
            this.password = secret.clone();
            return this;
        }

        /**
         * @param key the client's private key
         * @param chain its certificate first, then the issuers
         * @return this builder, presenting that certificate in the TLS handshake
         * @throws CertificateToolException when the key does not match the certificate
         */
        public Builder clientCertificate(PrivateKey key, List<X509Certificate> chain) throws CertificateToolException {
            try {
                this.keyManagers = JsseMaterial.keyManagers(key, chain);
            } catch (GeneralSecurityException | IOException e) {
                throw new CertificateToolException("cannot use the client certificate (" + e.getMessage() + ")", e);
            }
            return this;
        }

        /**
         * @param value socket read timeout (default 30 s)
         * @return this builder
         */
        public Builder timeout(Duration value) {
            this.timeout = requirePositive(value, "timeout");
            return this;
        }

        /**
         * @param value how long to keep retrying after 202 answers, in total (default 1 min; zero: do not wait)
         * @return this builder
         */
        public Builder maxWait(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("maxWait must not be negative");
            }
            this.maxWait = value;
            return this;
        }

        /** @return the client */
        public EstClient build() {
            return new EstClient(this);
        }

        private static Duration requirePositive(Duration value, String name) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }
    }
}
