package dev.moduleagent.certs.internal;

import java.io.IOException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.est.ESTClient;
import org.bouncycastle.est.ESTClientProvider;
import org.bouncycastle.est.ESTException;
import org.bouncycastle.est.ESTResponse;
import org.bouncycastle.est.ESTService;
import org.bouncycastle.est.jcajce.JsseDefaultHostnameAuthorizer;
import org.bouncycastle.est.jcajce.JsseESTServiceBuilder;
import org.bouncycastle.est.jcajce.JsseHostnameAuthorizer;

/**
 * One EST operation on Bouncy Castle's JSSE EST client, with what BC does not keep for the caller: the HTTP status of
 * the last answer (BC loses it when an error body is left unread) and whether the host name check failed. Both are
 * needed to tell a user "401" or "wrong server certificate" instead of a stream error. Not thread-safe: one per call.
 */
public final class EstExchange {

    /** Answers larger than this are refused (certificate chains are a few KB). */
    public static final long READ_LIMIT_BYTES = 1 << 20;

    private final ESTService service;
    private volatile int lastStatus;
    private volatile boolean hostMismatch;

    /**
     * @param endpoint the server and label
     * @param trust the trust managers for the server's certificate
     * @param keyManagers the TLS client identity, or null for none
     * @param timeoutMillis socket read timeout
     */
    public EstExchange(EstEndpoint endpoint, X509TrustManager[] trust, KeyManager[] keyManagers, int timeoutMillis) {
        Builder builder = new Builder(endpoint.authority(), trust);
        builder.withLabel(endpoint.label());
        builder.withTimeout(timeoutMillis).withReadLimit(READ_LIMIT_BYTES).withTLSVersion("TLS");
        builder.withHostNameAuthorizer(new RecordingAuthorizer(new JsseDefaultHostnameAuthorizer(null)));
        if (keyManagers != null) {
            builder.withKeyManagers(keyManagers);
        }
        this.service = builder.buildRecording();
    }

    /** @return the service to run the operation on */
    public ESTService service() {
        return service;
    }

    /** @return the HTTP status of the last answer received, or 0 when none arrived */
    public int lastStatus() {
        return lastStatus;
    }

    /** @return whether the server's certificate did not name the host */
    public boolean hostMismatch() {
        return hostMismatch;
    }

    /** BC's JSSE builder, whose default client provider is wrapped so that every answer's status is recorded. */
    private final class Builder extends JsseESTServiceBuilder {

        Builder(String authority, X509TrustManager[] trust) {
            super(authority, trust);
        }

        ESTService buildRecording() {
            super.build();
            ESTClientProvider plain = clientProvider;
            clientProvider = new ESTClientProvider() {
                @Override
                public ESTClient makeClient() throws ESTException {
                    ESTClient client = plain.makeClient();
                    return request -> record(client.doRequest(request));
                }

                @Override
                public boolean isTrusted() {
                    return plain.isTrusted();
                }
            };
            return super.build();
        }
    }

    private ESTResponse record(ESTResponse response) {
        lastStatus = response.getStatusCode();
        return response;
    }

    private final class RecordingAuthorizer implements JsseHostnameAuthorizer {

        private final JsseHostnameAuthorizer delegate;

        RecordingAuthorizer(JsseHostnameAuthorizer delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean verified(String name, SSLSession session) throws IOException {
            hostMismatch = true;
            boolean verified = delegate.verified(name, session);
            hostMismatch = !verified;
            return verified;
        }
    }
}
