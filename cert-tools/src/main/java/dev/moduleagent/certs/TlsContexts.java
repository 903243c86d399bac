package dev.moduleagent.certs;

import dev.moduleagent.certs.internal.AnyClientTrustManager;
import dev.moduleagent.certs.internal.ClientAuthRequestingContext;
import dev.moduleagent.certs.internal.JsseMaterial;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.osgi.annotation.versioning.ProviderType;

/** JSSE contexts for X.509-authenticated MQTT/HTTPS: TLS 1.2 and 1.3 (older versions are off in Java 17). */
@ProviderType
public final class TlsContexts {

    private static final String PROTOCOL = "TLSv1.3";

    private TlsContexts() {
    }

    /**
     * @param key the client's private key
     * @param chain the client's certificate first, then its issuers
     * @param trust the certificates to trust for the server; empty for the JDK's default roots
     * @return a client context presenting {@code chain}
     * @throws CertificateToolException when the key does not match the chain's first certificate or JSSE refuses them
     */
    public static SSLContext client(PrivateKey key, List<X509Certificate> chain, Collection<X509Certificate> trust)
            throws CertificateToolException {
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(JsseMaterial.keyManagers(key, chain), JsseMaterial.trustManagers(trust), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new CertificateToolException("cannot build a TLS client context (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A server context whose engines and server sockets request (want) a client certificate and accept any, including
     * self-signed ones: the server decides itself whether the peer's certificate is authorised.
     *
     * @param key the server's private key
     * @param chain the server's certificate first, then its issuers
     * @return the server context
     * @throws CertificateToolException when the key does not match the chain's first certificate or JSSE refuses them
     */
    public static SSLContext server(PrivateKey key, List<X509Certificate> chain) throws CertificateToolException {
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(JsseMaterial.keyManagers(key, chain), new TrustManager[] {new AnyClientTrustManager()}, new SecureRandom());
            return ClientAuthRequestingContext.wrap(context);
        } catch (GeneralSecurityException | IOException e) {
            throw new CertificateToolException("cannot build a TLS server context (" + e.getMessage() + ")", e);
        }
    }
}
